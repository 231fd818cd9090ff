using System.ComponentModel;
using Acgs.Cli.Reads;
using Acgs.Ledger.Identity.Actors;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Acgs.Cli.Actors;

// What every signed write needs: the ledger's API, which ledger the signature is for (DESIGN §4.2:
// a submission made for one ledger is refused by every other), and the signer's private key.
internal class LedgerWriteSettings : CommandSettings
{
    [CommandOption("--url <URL>", isRequired: true)]
    [Description("Base URL of the ledger's API, e.g. http://127.0.0.1:8080")]
    public string Url { get; init; } = string.Empty;

    [CommandOption("--ledger-id <ID>")]
    [Description("The ledger's id (or --genesis)")]
    public Guid? LedgerId { get; init; }

    [CommandOption("--genesis <FILE>")]
    [Description("The ledger's genesis.json, to read its id from (or --ledger-id)")]
    public string? Genesis { get; init; }

    [CommandOption("--key <FILE>", isRequired: true)]
    [Description("The signer's private key file (NAME.key, mode 0600)")]
    public string Key { get; init; } = string.Empty;

    public override ValidationResult Validate()
    {
        if (LedgerUrl.Check(Url, "--url") is { Successful: false } invalid)
        {
            return invalid;
        }
        return (LedgerId is null) != string.IsNullOrEmpty(Genesis)
            ? ValidationResult.Success()
            : ValidationResult.Error("give the ledger as exactly one of --ledger-id or --genesis");
    }

    // An act on an existing stream lands at N + 1; the stream's first event is what version 1 holds.
    protected static ValidationResult CheckExpectedVersion(long expectedVersion, string firstEvent) =>
        expectedVersion >= 1
            ? ValidationResult.Success()
            : ValidationResult.Error($"--expected-version is at least 1: {firstEvent}");

    protected static ValidationResult CheckRoles(IReadOnlyList<Role> roles) =>
        roles.Count > 0 && roles.All(Enum.IsDefined)
            ? ValidationResult.Success()
            : ValidationResult.Error($"give at least one --role, each one of: {string.Join(", ", Enum.GetNames<Role>()).ToLowerInvariant()}");
}

// An act signed by the actor named with --as: a Proposer, a Council member, GS, FV, PGC or an Admin.
internal class SignedActSettings : LedgerWriteSettings
{
    [CommandOption("--as <ACTOR_ID>", isRequired: true)]
    [Description("The signing actor's id (its key is --key)")]
    public Guid Signer { get; init; }
}

// An act on an existing actor, judged at the version the signer last saw. Nothing is fetched to fill
// it in: a stale version must come back as a conflict, not be papered over by a read just before.
internal class ActorChangeSettings : LedgerWriteSettings
{
    [CommandOption("--actor <ID>", isRequired: true)]
    [Description("The actor the act changes")]
    public Guid Actor { get; init; }

    [CommandOption("--expected-version <N>", isRequired: true)]
    [Description("The actor stream's current version, as last seen (the event lands at N + 1)")]
    public long ExpectedVersion { get; init; }

    public override ValidationResult Validate()
    {
        var result = base.Validate();
        if (!result.Successful)
        {
            return result;
        }
        return CheckExpectedVersion(ExpectedVersion, "an actor's stream starts with its registration");
    }
}

// An act an Admin signs about another actor.
internal class AdminChangeSettings : ActorChangeSettings
{
    [CommandOption("--as <ADMIN_ID>", isRequired: true)]
    [Description("The signing Admin's actor id (its key is --key)")]
    public Guid Admin { get; init; }
}
