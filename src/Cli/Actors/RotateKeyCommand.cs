using System.ComponentModel;
using Acgs.Ledger;
using Acgs.Ledger.Identity.Actors;
using Spectre.Console.Cli;

namespace Acgs.Cli.Actors;

// `acgs actor rotate-key`: an actor replaces its own key, signing with the current one
// (POST /v1/actors/{id}/keys).
internal sealed class RotateKeyCommand(ActSubmitter submitter) : ActorActCommand<RotateKeyCommand.Settings>(submitter)
{
    internal sealed class Settings : ActorChangeSettings
    {
        [CommandOption("--new-key <FILE>", isRequired: true)]
        [Description("The next private key file, which signs the proof of possession")]
        public string NewKey { get; init; } = string.Empty;
    }

    protected override ActorAct Describe(Settings settings, Guid ledgerId)
    {
        var (publicKey, proof) = NewKeyProof.Sign(settings.NewKey, ledgerId, settings.Actor);
        return new ActorAct(ActorAct.ActorPath(settings.Actor, "keys"), EventTypes.ActorKeyRotated, settings.Actor,
            settings.ExpectedVersion, settings.Actor, new ActorKeyRotated(settings.Actor, publicKey, proof));
    }
}
