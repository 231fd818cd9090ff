using System.Globalization;
using Acgs.Ledger;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Reads;

namespace Acgs.Api.Audit;

// A page request once its query string has been checked.
public sealed record PageRequest(AuditFilter Filter, int PageSize, string? Cursor);

// Checks of the reads' query strings, before anything is read (DESIGN §4.1, §4.6): each parameter
// once, none unknown (a misspelt filter must not silently widen an audit query), every value in its
// one wire form and bounded. Each returns null when the query is sound, else why it is not.
public static class ReadQuery
{
    public const int DefaultPageSize = 100;

    private const int MaxLeafDigits = 18;
    private const int MaxPageSizeDigits = 4;

    private static readonly string[] AuditParameters = ["actor", "type", "stream", "from", "to", "limit", "cursor"];
    private static readonly string[] PageParameters = ["limit", "cursor"];
    private static readonly string[] ReplayParameters = ["from"];

    private static string? CheckNames(IQueryCollection query, string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(query);
        foreach (var (name, values) in query)
        {
            if (!allowed.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return $"an unknown query parameter was given; this read takes {string.Join(", ", allowed)}";
            }
            if (values.Count != 1)
            {
                return $"query parameter {name} is given {values.Count} times";
            }
        }
        return null;
    }

    public static string? ParseAudit(IQueryCollection query, out PageRequest request)
    {
        ArgumentNullException.ThrowIfNull(query);
        request = new PageRequest(AuditFilter.All, DefaultPageSize, null);
        if (CheckNames(query, AuditParameters) is { } names)
        {
            return names;
        }
        Guid? actor = null;
        Guid? stream = null;
        DateTimeOffset? from = null;
        DateTimeOffset? to = null;
        if (Value(query, "actor") is { } actorText && !TryParseUuid(actorText, out actor))
        {
            return "actor must be a UUID (lowercase, hyphenated)";
        }
        if (Value(query, "stream") is { } streamText && !TryParseUuid(streamText, out stream))
        {
            return "stream must be a UUID (lowercase, hyphenated)";
        }
        var type = Value(query, "type");
        if (type is not null && (type.Length > EventTypes.MaxNameLength || !EventTypes.Names.Contains(type)))
        {
            return $"type must be one of the ledger's event types: {string.Join(", ", EventTypes.Names.Order(StringComparer.Ordinal))}";
        }
        if (Value(query, "from") is { } fromText && !TryParseTimestamp(fromText, out from))
        {
            return "from must be a timestamp yyyy-MM-ddTHH:mm:ss.fffZ";
        }
        if (Value(query, "to") is { } toText && !TryParseTimestamp(toText, out to))
        {
            return "to must be a timestamp yyyy-MM-ddTHH:mm:ss.fffZ";
        }
        if (from > to)
        {
            return "from must not be later than to";
        }
        return ParsePage(query, new AuditFilter(actor, type, stream, from, to), out request);
    }

    public static string? ParseStreamPage(IQueryCollection query, string id, out PageRequest request)
    {
        ArgumentNullException.ThrowIfNull(query);
        request = new PageRequest(AuditFilter.All, DefaultPageSize, null);
        if (CheckNames(query, PageParameters) is { } names)
        {
            return names;
        }
        if (!TryParseUuid(id, out var stream))
        {
            return "the stream id must be a UUID (lowercase, hyphenated)";
        }
        return ParsePage(query, new AuditFilter(StreamId: stream), out request);
    }

    // The first leaf to replay: 0 when not given.
    public static string? ParseReplay(IQueryCollection query, out long fromLeaf)
    {
        ArgumentNullException.ThrowIfNull(query);
        fromLeaf = 0;
        if (CheckNames(query, ReplayParameters) is { } names)
        {
            return names;
        }
        if (Value(query, "from") is { } text && !TryParseDigits(text, MaxLeafDigits, out fromLeaf))
        {
            return "from must be a leaf index (a non-negative integer)";
        }
        return null;
    }

    private static string? ParsePage(IQueryCollection query, AuditFilter filter, out PageRequest request)
    {
        request = new PageRequest(filter, DefaultPageSize, Value(query, "cursor"));
        if (Value(query, "limit") is not { } limitText)
        {
            return null;
        }
        if (!TryParseDigits(limitText, MaxPageSizeDigits, out var limit) || limit is < 1 or > SealedEventReader.MaxPageSize)
        {
            return $"limit must be an integer from 1 to {SealedEventReader.MaxPageSize}";
        }
        request = request with { PageSize = (int)limit };
        return null;
    }

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values.ToString() : null;

    private static bool TryParseUuid(string text, out Guid? value)
    {
        value = null;
        if (text.Length != 36 || !Guid.TryParseExact(text, "D", out var id) || !string.Equals(id.ToString(), text, StringComparison.Ordinal))
        {
            return false;
        }
        value = id;
        return true;
    }

    private static bool TryParseTimestamp(string text, out DateTimeOffset? value)
    {
        value = null;
        if (!LedgerTimestamp.TryParse(text, out var instant))
        {
            return false;
        }
        value = instant;
        return true;
    }

    // Digits only: no sign, white space or exponent.
    private static bool TryParseDigits(string text, int maxDigits, out long value)
    {
        value = 0;
        return text.Length > 0 && text.Length <= maxDigits && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
