using System.ComponentModel;
using Spectre.Console.Cli;

namespace Acgs.Cli.Checkpoints;

internal sealed class VerifyCheckpointCommand : Command<VerifyCheckpointCommand.Settings>
{
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        CheckpointVerification.Run(settings.File, settings.VerifierKey, settings.Origin, Console.Out, Console.Error);

    internal sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The signed checkpoint (a C2SP signed note).")]
        public string File { get; init; } = string.Empty;

        [CommandOption("--vkey <VKEY>")]
        [Description("The log's verifier key, <name>+<key ID>+<base64 key>, or a file that holds it.")]
        public string? VerifierKey { get; init; }

        [CommandOption("--origin <ORIGIN>")]
        [Description("The origin the checkpoint must name.")]
        public string? Origin { get; init; }
    }
}
