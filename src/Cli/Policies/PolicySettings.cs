using System.ComponentModel;
using Acgs.Cli.Actors;
using Acgs.Ledger.Integrity;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Acgs.Cli.Policies;

// An act on policies, signed by the named actor: GS, FV, PGC, an Admin or a Council member.
internal class PolicyActSettings : SignedActSettings
{
    protected static ValidationResult CheckHash(string option, string? hash) =>
        Sha256Hex.IsWellFormed(hash)
            ? ValidationResult.Success()
            : ValidationResult.Error($"{option} is a SHA-256 in {Sha256Hex.Length} lowercase hex characters");
}

// An act on an existing policy, judged at the version the signer last saw. As for actors, nothing is
// fetched to fill it in: a stale version must come back as a conflict.
internal class PolicyChangeSettings : PolicyActSettings
{
    [CommandOption("--policy <ID>", isRequired: true)]
    [Description("The policy the act is about")]
    public Guid Policy { get; init; }

    [CommandOption("--expected-version <N>", isRequired: true)]
    [Description("The policy stream's current version, as last seen (the event lands at N + 1)")]
    public long ExpectedVersion { get; init; }

    public string PathTo(string resource) => $"/v1/policies/{Policy:D}/{resource}";

    public override ValidationResult Validate()
    {
        var result = base.Validate();
        if (!result.Successful)
        {
            return result;
        }
        return CheckExpectedVersion(ExpectedVersion, "a policy's stream starts with its synthesis");
    }
}

// An act about one source of the policy, which it names by hash.
internal class PolicySourceSettings : PolicyChangeSettings
{
    [CommandOption("--source-hash <HASH>", isRequired: true)]
    [Description("The SHA-256 (lowercase hex) of the source the act is about, as synthesize printed it")]
    public string SourceHash { get; init; } = string.Empty;

    public override ValidationResult Validate()
    {
        var result = base.Validate();
        return result.Successful ? CheckHash("--source-hash", SourceHash) : result;
    }
}
