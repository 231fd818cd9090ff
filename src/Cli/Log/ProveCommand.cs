using System.ComponentModel;
using Spectre.Console.Cli;

namespace Acgs.Cli.Log;

public sealed class ProveCommand : AsyncCommand<ProveCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--url <URL>")]
        [Description("The ledger's base URL (default http://127.0.0.1:8011)")]
        public string Url { get; init; } = "http://127.0.0.1:8011";

        [CommandOption("-e|--event <HASH>", isRequired: true)]
        [Description("The event hash a write answered with")]
        public string Event { get; init; } = string.Empty;

        [CommandOption("--vkey <VKEY>")]
        [Description("The pinned ledger verifier key (default: fetched from the server, with a warning)")]
        public string? VerifierKey { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!Uri.TryCreate(settings.Url, UriKind.Absolute, out var baseAddress))
        {
            await Console.Error.WriteLineAsync($"--url {settings.Url} is not an absolute URL.");
            return ProveEvent.Unusable;
        }
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        return await ProveEvent.RunAsync(client, settings.Event, settings.VerifierKey, Console.Out, Console.Error, cancellationToken);
    }
}
