using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Acgs.Ledger.Integrity;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Acgs.Cli.Reads;

// `acgs constitution`: the constitution as it stands, at a version, or as it stood at an instant
// (GET /v1/constitution[?version=N|?asOf=T], a signed read; time travel goes by the sealed recordedAt).
internal sealed class ConstitutionCommand(LedgerReader reader) : AsyncCommand<ConstitutionCommand.Settings>
{
    internal sealed class Settings : LedgerReadSettings
    {
        [CommandOption("--as-of <TIMESTAMP>")]
        [Description("The constitution as it stood at this instant, yyyy-MM-ddTHH:mm:ss.fffZ")]
        public string? AsOf { get; init; }

        [CommandOption("--version <N>")]
        [Description("The constitution at this version (1 is the one adopted at genesis)")]
        public int? Version { get; init; }

        [CommandOption("--json")]
        [Description("The ledger's JSON answer as served")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            if (!result.Successful)
            {
                return result;
            }
            if (AsOf is not null && Version is not null)
            {
                return ValidationResult.Error("give --as-of or --version, not both");
            }
            if (AsOf is not null && !LedgerTimestamp.TryParse(AsOf, out _))
            {
                return ValidationResult.Error("--as-of is a ledger timestamp yyyy-MM-ddTHH:mm:ss.fffZ (UTC, milliseconds), e.g. 2026-03-01T09:30:00.000Z");
            }
            return Version is null or >= 1 ? ValidationResult.Success() : ValidationResult.Error("--version is at least 1");
        }

        public string Path() =>
            "/v1/constitution" + (AsOf is not null ? "?asOf=" + Uri.EscapeDataString(AsOf)
                : Version is { } version ? "?version=" + version.ToString(CultureInfo.InvariantCulture) : string.Empty);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Json)
        {
            return await reader.ReadAsync(settings, settings.Path(), cancellationToken);
        }
        using var session = reader.Open(settings);
        if (session is null)
        {
            return LedgerReader.Unusable;
        }
        var answer = await session.GetAsync(settings.Path(), cancellationToken);
        if (answer.ExitCode != LedgerReader.Read)
        {
            return answer.ExitCode;
        }
        try
        {
            Write(reader.Console(), answer.Json);
        }
        catch (Exception exception) when (exception is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            reader.Error.WriteLine($"acgs: {settings.Url} answered /v1/constitution without a constitution ({exception.Message}); is --url the ledger's API?");
            return LedgerReader.Unusable;
        }
        return LedgerReader.Read;
    }

    private static void Write(IAnsiConsole console, JsonElement constitution)
    {
        var rules = constitution.GetProperty("metaRules");
        var principles = new Table { Border = TableBorder.Simple };
        principles.AddColumn("id").AddColumn("title").AddColumn("v").AddColumn("text");
        foreach (var principle in constitution.GetProperty("principles").EnumerateArray())
        {
            principles.AddRow(
                new Text(principle.GetProperty("id").GetString()!), new Text(principle.GetProperty("title").GetString()!),
                new Text(principle.GetProperty("version").GetInt32().ToString(CultureInfo.InvariantCulture)),
                new Text(principle.GetProperty("text").GetString()!));
        }
        var window = TimeSpan.FromSeconds(rules.GetProperty("votingWindowSeconds").GetInt64());

        console.WriteLine($"constitution {constitution.GetProperty("constitutionId").GetGuid():D}, version {constitution.GetProperty("version").GetInt32()}");
        console.WriteLine($"recorded at  {constitution.GetProperty("recordedAt").GetString()} (event {constitution.GetProperty("eventHash").GetString()})");
        console.Write(principles);
        console.WriteLine(
            $"meta-rules: quorum {rules.GetProperty("quorum").GetInt32()}, " +
            $"approval {rules.GetProperty("approvalNumerator").GetInt32()}/{rules.GetProperty("approvalDenominator").GetInt32()} of votes judged, " +
            $"voting window {window.TotalSeconds:0} s ({window.TotalHours:0.#} h), " +
            $"abstentions: {rules.GetProperty("abstentions").GetString()}");
    }
}
