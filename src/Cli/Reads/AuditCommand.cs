using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Acgs.Ledger;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Reads;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Acgs.Cli.Reads;

// `acgs audit`: the audit trail (GET /v1/audit/events, a signed read), one page or, with --all, every
// page in turn. Each page is written as it arrives and then dropped, so --all over millions of events
// holds one page at a time. Arguments are checked here as the ledger would check them, so that a typo
// is an exit 2 with the reason rather than a refused read.
internal sealed class AuditCommand(LedgerReader reader) : AsyncCommand<AuditCommand.Settings>
{
    public const string Path = "/v1/audit/events";

    private const int EventHashShown = 16;

    internal sealed class Settings : LedgerReadSettings
    {
        // A cursor is base64url of a leaf index and a MAC: far shorter than this.
        private const int MaxCursorLength = 200;

        [CommandOption("--actor <ID>")]
        [Description("Only events signed by this actor")]
        public string? Actor { get; init; }

        [CommandOption("--type <TYPE>")]
        [Description("Only events of this type, e.g. amendment-ratified")]
        public string? Type { get; init; }

        [CommandOption("--stream <ID>")]
        [Description("Only events of this stream (an actor, amendment, policy or the constitution)")]
        public string? Stream { get; init; }

        [CommandOption("--from <TIMESTAMP>")]
        [Description("Only events sealed at or after this instant, yyyy-MM-ddTHH:mm:ss.fffZ")]
        public string? From { get; init; }

        [CommandOption("--to <TIMESTAMP>")]
        [Description("Only events sealed at or before this instant, yyyy-MM-ddTHH:mm:ss.fffZ")]
        public string? To { get; init; }

        [CommandOption("--limit <N>")]
        [Description("Events per page, 1 to 1000 (the ledger's default: 100)")]
        public int? Limit { get; init; }

        [CommandOption("--cursor <CURSOR>")]
        [Description("Continue a read from the nextCursor its previous page gave (same filters)")]
        public string? Cursor { get; init; }

        [CommandOption("--all")]
        [Description("Follow nextCursor to the end of the trail, page by page")]
        public bool All { get; init; }

        [CommandOption("--json")]
        [Description("The ledger's JSON: the page as served, or with --all one event per line (NDJSON)")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            var problem = base.Validate() is { Successful: false } invalid ? invalid.Message
                : CheckUuid("--actor", Actor) ?? CheckUuid("--stream", Stream)
                ?? (Type is null || EventTypes.Names.Contains(Type) ? null
                    : $"--type is one of the ledger's event types: {string.Join(", ", EventTypes.Names.Order(StringComparer.Ordinal))}")
                ?? CheckTimestamp("--from", From, out var from) ?? CheckTimestamp("--to", To, out var to)
                ?? (from > to ? "--from is later than --to" : null)
                ?? (Limit is null or (>= 1 and <= SealedEventReader.MaxPageSize) ? null : $"--limit is from 1 to {SealedEventReader.MaxPageSize}")
                ?? (Cursor is null || (Cursor.Length <= MaxCursorLength && Cursor.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) ? null
                    : "--cursor is a nextCursor as a page gave it");
            return problem is null ? ValidationResult.Success() : ValidationResult.Error(problem);
        }

        // The query the ledger reads, in its one spelling: UUIDs lowercase and hyphenated.
        public string Query(string? cursor)
        {
            var query = new StringBuilder();
            void Add(string name, string? value)
            {
                if (value is not null)
                {
                    query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
                }
            }
            Add("actor", Actor is null ? null : Guid.Parse(Actor).ToString("D"));
            Add("type", Type);
            Add("stream", Stream is null ? null : Guid.Parse(Stream).ToString("D"));
            Add("from", From);
            Add("to", To);
            Add("limit", Limit?.ToString(CultureInfo.InvariantCulture));
            Add("cursor", cursor);
            return query.ToString();
        }

        private static string? CheckUuid(string option, string? value) =>
            value is null || Guid.TryParseExact(value, "D", out _) ? null : $"{option} is a UUID, e.g. 0190f5e2-7a3c-7b41-9d2e-5c8f1a6b3d40";

        private static string? CheckTimestamp(string option, string? value, out DateTimeOffset? instant)
        {
            instant = null;
            if (value is null)
            {
                return null;
            }
            if (!LedgerTimestamp.TryParse(value, out var parsed))
            {
                return $"{option} is a ledger timestamp yyyy-MM-ddTHH:mm:ss.fffZ (UTC, milliseconds), e.g. 2026-03-01T09:30:00.000Z";
            }
            instant = parsed;
            return null;
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var session = reader.Open(settings);
        if (session is null)
        {
            return LedgerReader.Unusable;
        }
        var table = settings.Json ? null : new AuditTable(reader.Console());
        var cursor = settings.Cursor;
        do
        {
            var answer = await session.GetAsync(Path + settings.Query(cursor), cancellationToken);
            if (answer.ExitCode != LedgerReader.Read)
            {
                return answer.ExitCode;
            }
            if (!TryReadPage(answer.Json, out var items, out var next))
            {
                reader.Error.WriteLine($"acgs: {settings.Url} answered {Path} without {{items, nextCursor}}; is --url the ledger's API?");
                return LedgerReader.Unusable;
            }
            if (table is not null)
            {
                table.Write(items);
            }
            else if (settings.All)
            {
                foreach (var item in items)
                {
                    reader.Output.WriteLine(item.GetRawText());
                }
            }
            else
            {
                reader.Output.WriteLine(answer.Json.GetRawText());
            }
            cursor = next;
        }
        while (settings.All && cursor is not null);

        if (table is not null)
        {
            table.WriteEnd(settings.All ? null : cursor);
        }
        return LedgerReader.Read;
    }

    private static bool TryReadPage(JsonElement page, out JsonElement.ArrayEnumerator items, out string? next)
    {
        items = default;
        next = null;
        if (!page.TryGetProperty("items", out var array) || array.ValueKind != JsonValueKind.Array
            || !page.TryGetProperty("nextCursor", out var cursor) || cursor.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            return false;
        }
        items = array.EnumerateArray();
        next = cursor.GetString();
        return true;
    }

    // One table per page, the header on the first only, with fixed column widths so that the pages
    // line up as one table.
    private sealed class AuditTable(IAnsiConsole console)
    {
        private static readonly (string Header, int Width)[] Columns =
        [
            ("leaf", 8), ("recordedAt", LedgerTimestamp.Length), ("type", 28), ("actor", 36), ("stream", 36), ("version", 7), ("event", EventHashShown + 1),
        ];

        private long shown;

        public void Write(JsonElement.ArrayEnumerator items)
        {
            var table = new Table { Border = TableBorder.Simple, ShowHeaders = shown == 0 };
            foreach (var (header, width) in Columns)
            {
                table.AddColumn(new TableColumn(header) { Width = width, NoWrap = true });
            }
            foreach (var item in items)
            {
                table.AddRow(
                    Cell(item, "leafIndex"), Cell(item, "recordedAt"), Cell(item, "type"), Cell(item, "actorId"), Cell(item, "streamId"),
                    Cell(item, "version"), new Text(Short(item)));
            }
            shown += table.Rows.Count;
            if (table.Rows.Count > 0)
            {
                console.Write(table);
            }
        }

        public void WriteEnd(string? nextCursor)
        {
            console.WriteLine(shown == 1 ? "1 event" : $"{shown} events");
            if (nextCursor is not null)
            {
                console.WriteLine($"more: --cursor {nextCursor} (same filters), or --all");
            }
        }

        private static Text Cell(JsonElement item, string member) =>
            new(item.TryGetProperty(member, out var value) ? value.ToString() : "?");

        private static string Short(JsonElement item) =>
            item.TryGetProperty("eventHash", out var hash) && hash.GetString() is { Length: > EventHashShown } text ? text[..EventHashShown] + "…" : "?";
    }
}
