using System.ComponentModel;
using Acgs.Ledger;
using Acgs.Ledger.Identity.Actors;
using Spectre.Console.Cli;

namespace Acgs.Cli.Actors;

// `acgs actor propose-reset`: an Admin proposes a new key for an actor who lost theirs
// (POST /v1/actors/{id}/key-resets). Prints the reset id a second Admin approves.
internal sealed class ProposeResetCommand(ActSubmitter submitter) : ActorActCommand<ProposeResetCommand.Settings>(submitter)
{
    internal sealed class Settings : AdminChangeSettings
    {
        [CommandOption("--new-key <FILE>", isRequired: true)]
        [Description("The actor's new private key file, which signs the proof of possession")]
        public string NewKey { get; init; } = string.Empty;

        [CommandOption("--reason <TEXT>", isRequired: true)]
        [Description("Why the key is reset")]
        public string Reason { get; init; } = string.Empty;
    }

    protected override ActorAct Describe(Settings settings, Guid ledgerId)
    {
        var resetId = Guid.CreateVersion7();
        var (publicKey, proof) = NewKeyProof.Sign(settings.NewKey, ledgerId, settings.Actor);
        return new ActorAct(ActorAct.ActorPath(settings.Actor, "key-resets"), EventTypes.ActorKeyResetProposed, settings.Actor,
            settings.ExpectedVersion, settings.Admin,
            new ActorKeyResetProposed(settings.Actor, resetId, settings.Admin, publicKey, proof, settings.Reason),
            $"{"resetId:",-12}{resetId:D}");
    }
}

// `acgs actor approve-reset`: an Admin approves a proposed key reset; the key changes now.
internal sealed class ApproveResetCommand(ActSubmitter submitter) : ActorActCommand<ApproveResetCommand.Settings>(submitter)
{
    internal sealed class Settings : AdminChangeSettings
    {
        [CommandOption("--reset-id <ID>", isRequired: true)]
        [Description("The reset id propose-reset printed")]
        public Guid ResetId { get; init; }
    }

    protected override ActorAct Describe(Settings settings, Guid ledgerId) =>
        new(ActorAct.ActorPath(settings.Actor, "key-resets"), EventTypes.ActorKeyResetApproved, settings.Actor,
            settings.ExpectedVersion, settings.Admin, new ActorKeyResetApproved(settings.Actor, settings.ResetId, settings.Admin));
}
