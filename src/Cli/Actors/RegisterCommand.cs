using System.ComponentModel;
using Acgs.Ledger;
using Acgs.Ledger.Identity.Actors;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Acgs.Cli.Actors;

// `acgs actor register`: an Admin registers a new actor, its roles and its key (POST /v1/actors).
internal sealed class RegisterCommand(ActSubmitter submitter) : ActorActCommand<RegisterCommand.Settings>(submitter)
{
    internal sealed class Settings : LedgerWriteSettings
    {
        [CommandOption("--as <ADMIN_ID>", isRequired: true)]
        [Description("The signing Admin's actor id (its key is --key)")]
        public Guid Admin { get; init; }

        [CommandOption("--new-key <FILE>", isRequired: true)]
        [Description("The new actor's private key file, which signs the proof of possession")]
        public string NewKey { get; init; } = string.Empty;

        [CommandOption("--name <NAME>", isRequired: true)]
        [Description("The new actor's name")]
        public string Name { get; init; } = string.Empty;

        [CommandOption("--role <ROLE>", isRequired: true)]
        [Description("A role to grant (repeat for several): admin, council, proposer, synthesizer, verifier, compiler, auditor")]
        public Role[] Roles { get; init; } = [];

        [CommandOption("--actor-id <ID>")]
        [Description("The new actor's id (default: a new UUIDv7, printed)")]
        public Guid? ActorId { get; init; }

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            return result.Successful ? CheckRoles(Roles) : result;
        }
    }

    protected override ActorAct Describe(Settings settings, Guid ledgerId)
    {
        var actorId = settings.ActorId ?? Guid.CreateVersion7();
        var (publicKey, proof) = NewKeyProof.Sign(settings.NewKey, ledgerId, actorId);
        return new ActorAct("/v1/actors", EventTypes.ActorRegistered, actorId, 0, settings.Admin,
            new ActorRegistered(actorId, settings.Name, settings.Roles, publicKey, proof), $"{"actorId:",-12}{actorId:D}");
    }
}
