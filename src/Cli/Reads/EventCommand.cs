using System.ComponentModel;
using Acgs.Ledger.Integrity;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Acgs.Cli.Reads;

// `acgs event --event HASH`: a sealed event by its hash, with its seal and payload (GET /v1/events/{hash},
// a signed read).
internal sealed class EventCommand(LedgerReader reader) : AsyncCommand<EventCommand.Settings>
{
    internal sealed class Settings : LedgerReadSettings
    {
        [CommandOption("-e|--event <HASH>", isRequired: true)]
        [Description("The event hash a write answered with")]
        public string Event { get; init; } = string.Empty;

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            if (!result.Successful)
            {
                return result;
            }
            return Sha256Hex.IsWellFormed(Event)
                ? ValidationResult.Success()
                : ValidationResult.Error("--event is an event hash: 64 lowercase hex characters");
        }
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return reader.ReadAsync(settings, $"/v1/events/{settings.Event}", cancellationToken);
    }
}
