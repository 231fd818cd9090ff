using System.ComponentModel;
using System.Text;
using Acgs.Cli.Actors;
using Acgs.Ledger;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Policies;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Acgs.Cli.Policies;

// `acgs policy synthesize`: GS records a policy derived from a ratified amendment (POST /v1/policies),
// or, with --policy and --expected-version, a new source for it. The source hash is computed here
// from the file's bytes, as FV and PGC will compute it.
internal sealed class SynthesizeCommand(ActSubmitter submitter) : ActorActCommand<SynthesizeCommand.Settings>(submitter)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    internal sealed class Settings : PolicyActSettings
    {
        [CommandOption("--amendment <ID>", isRequired: true)]
        [Description("The ratified amendment the policy derives from")]
        public Guid Amendment { get; init; }

        [CommandOption("--source <FILE>", isRequired: true)]
        [Description("The policy's source, UTF-8")]
        public string Source { get; init; } = string.Empty;

        [CommandOption("--language <LANGUAGE>")]
        [Description("The source's language (default: rego)")]
        [DefaultValue("rego")]
        public string Language { get; init; } = "rego";

        [CommandOption("--name <NAME>", isRequired: true)]
        [Description("The policy's name")]
        public string Name { get; init; } = string.Empty;

        [CommandOption("--generator <NAME>", isRequired: true)]
        [Description("What produced the source")]
        public string Generator { get; init; } = string.Empty;

        [CommandOption("--generator-version <VERSION>", isRequired: true)]
        [Description("Its version")]
        public string GeneratorVersion { get; init; } = string.Empty;

        [CommandOption("--model <MODEL>")]
        [Description("The model involved, if any")]
        public string? Model { get; init; }

        [CommandOption("--input-hash <HASH>")]
        [Description("SHA-256 (lowercase hex) of what the generator was given")]
        public string? InputHash { get; init; }

        [CommandOption("--policy <ID>")]
        [Description("Resynthesize this policy (with --expected-version); default: a new policy with a new UUIDv7, printed")]
        public Guid? Policy { get; init; }

        [CommandOption("--expected-version <N>")]
        [Description("The policy stream's current version, for a resynthesis")]
        public long? ExpectedVersion { get; init; }

        [CommandOption("--supersedes <ID>")]
        [Description("The active policy this one replaces once activated")]
        public Guid? Supersedes { get; init; }

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            if (!result.Successful)
            {
                return result;
            }
            if ((Policy is null) != (ExpectedVersion is null))
            {
                return ValidationResult.Error("a resynthesis gives both --policy and --expected-version; a new policy neither");
            }
            if (ExpectedVersion is < 1)
            {
                return ValidationResult.Error("--expected-version is at least 1: a policy's stream starts with its synthesis");
            }
            return InputHash is null ? ValidationResult.Success() : CheckHash("--input-hash", InputHash);
        }
    }

    protected override ActorAct Describe(Settings settings, Guid ledgerId)
    {
        var source = ReadSource(settings.Source);
        var sourceHash = Sha256Hex.Of(Encoding.UTF8.GetBytes(source));
        var policyId = settings.Policy ?? Guid.CreateVersion7();
        var synthesized = new PolicySynthesized(policyId, settings.Amendment, settings.Name, settings.Language, source, sourceHash,
            new GeneratorProvenance(settings.Generator, settings.GeneratorVersion, settings.Model, settings.InputHash), settings.Supersedes);
        return new ActorAct("/v1/policies", EventTypes.PolicySynthesized, policyId, settings.ExpectedVersion ?? 0, settings.Signer, synthesized,
            $"{"policyId:",-12}{policyId:D}\n{"sourceHash:",-12}{sourceHash}");
    }

    // Checked before it is read whole: the ledger takes no more than PolicyRules.MaxSourceBytes.
    private static string ReadSource(string path)
    {
        var length = new FileInfo(path).Length;
        if (length > PolicyRules.MaxSourceBytes)
        {
            throw new InvalidDataException($"{path}: {length} bytes; a policy's source is at most {PolicyRules.MaxSourceBytes} bytes");
        }
        try
        {
            return StrictUtf8.GetString(File.ReadAllBytes(path));
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException($"{path} is not UTF-8");
        }
    }
}
