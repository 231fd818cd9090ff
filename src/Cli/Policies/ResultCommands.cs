using System.ComponentModel;
using Acgs.Cli.Actors;
using Acgs.Ledger;
using Acgs.Ledger.Policies;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Acgs.Cli.Policies;

// `acgs policy verify`: FV records its verdict on one source (POST /v1/policies/{id}/verifications).
internal sealed class RecordVerificationCommand(ActSubmitter submitter) : ActorActCommand<RecordVerificationCommand.Settings>(submitter)
{
    internal sealed class Settings : PolicySourceSettings
    {
        [CommandOption("--verdict <VERDICT>", isRequired: true)]
        [Description("passed or failed")]
        public VerificationVerdict Verdict { get; init; }

        [CommandOption("--property <PROPERTY>", isRequired: true)]
        [Description("A property that was verified (repeat for several)")]
        public string[] Properties { get; init; } = [];

        [CommandOption("--tool <NAME>", isRequired: true)]
        [Description("The verification tool")]
        public string Tool { get; init; } = string.Empty;

        [CommandOption("--tool-version <VERSION>", isRequired: true)]
        [Description("Its version")]
        public string ToolVersion { get; init; } = string.Empty;

        [CommandOption("--artifact-hash <HASH>", isRequired: true)]
        [Description("SHA-256 (lowercase hex) of the verification's artifact (proof, report)")]
        public string ArtifactHash { get; init; } = string.Empty;

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            if (!result.Successful)
            {
                return result;
            }
            return Enum.IsDefined(Verdict) ? CheckHash("--artifact-hash", ArtifactHash) : ValidationResult.Error("--verdict is passed or failed");
        }
    }

    protected override ActorAct Describe(Settings settings, Guid ledgerId) =>
        new(settings.PathTo("verifications"), EventTypes.PolicyVerificationRecorded, settings.Policy, settings.ExpectedVersion, settings.Signer,
            new PolicyVerificationRecorded(settings.Policy, settings.SourceHash, settings.Verdict, settings.Properties,
                settings.Tool, settings.ToolVersion, settings.ArtifactHash));
}

// `acgs policy compile`: PGC records what it compiled from one source (POST /v1/policies/{id}/compilations).
internal sealed class RecordCompilationCommand(ActSubmitter submitter) : ActorActCommand<RecordCompilationCommand.Settings>(submitter)
{
    internal sealed class Settings : PolicySourceSettings
    {
        [CommandOption("--target <TARGET>", isRequired: true)]
        [Description("What the source was compiled to, e.g. wasm")]
        public string Target { get; init; } = string.Empty;

        [CommandOption("--artifact-hash <HASH>", isRequired: true)]
        [Description("SHA-256 (lowercase hex) of the compiled artifact")]
        public string ArtifactHash { get; init; } = string.Empty;

        [CommandOption("--compiler <NAME>", isRequired: true)]
        [Description("The compiler")]
        public string Compiler { get; init; } = string.Empty;

        [CommandOption("--compiler-version <VERSION>", isRequired: true)]
        [Description("Its version")]
        public string CompilerVersion { get; init; } = string.Empty;

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            return result.Successful ? CheckHash("--artifact-hash", ArtifactHash) : result;
        }
    }

    protected override ActorAct Describe(Settings settings, Guid ledgerId) =>
        new(settings.PathTo("compilations"), EventTypes.PolicyCompiled, settings.Policy, settings.ExpectedVersion, settings.Signer,
            new PolicyCompiled(settings.Policy, settings.SourceHash, settings.Target, settings.ArtifactHash, settings.Compiler, settings.CompilerVersion));
}
