using System.Globalization;
using System.Text.Json;

namespace Acgs.Api.Reads;

// A page of a list read: how many items at most, and the cursor to start after.
public sealed record PageWindow(int Limit, string? Cursor);

// Checks of the document reads' query strings before anything is read: each parameter once, none
// unknown (a misspelt filter must not silently widen a list), every value in its one wire form and
// bounded. Each check returns null when the query is sound, else why it is not.
public static class ListQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public const string Limit = "limit";
    public const string Cursor = "cursor";

    public static string? CheckNames(IQueryCollection query, params string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(allowed);
        foreach (var (name, values) in query)
        {
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                return allowed.Length == 0
                    ? "this read takes no query parameters"
                    : $"an unknown query parameter was given; this read takes {string.Join(", ", allowed)}";
            }
            if (values.Count != 1)
            {
                return $"query parameter {name} is given {values.Count} times";
            }
        }
        return null;
    }

    public static string? Value(IQueryCollection query, string name)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.TryGetValue(name, out var values) ? values.ToString() : null;
    }

    public static string? ParseWindow(IQueryCollection query, out PageWindow window)
    {
        window = new PageWindow(DefaultLimit, Value(query, Cursor));
        if (Value(query, Limit) is not { } text)
        {
            return null;
        }
        if (text is not { Length: > 0 and <= 3 } || !text.All(char.IsAsciiDigit)
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit is < 1 or > MaxLimit)
        {
            return $"limit must be an integer from 1 to {MaxLimit}";
        }
        window = window with { Limit = limit };
        return null;
    }

    // DESIGN §2: UUIDs are lowercase and hyphenated on the wire, one spelling only.
    public static bool TryParseUuid(string? text, out Guid id) =>
        Guid.TryParseExact(text, "D", out id) && string.Equals(id.ToString("D"), text, StringComparison.Ordinal);

    // An enum member as the ledger writes it (camelCase), and only a defined one.
    public static bool TryParseName<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(NameOf(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        return false;
    }

    public static string NamesOf<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(NameOf));

    public static string NameOf<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
