using System.Diagnostics.CodeAnalysis;

namespace Acgs.Ledger.Integrity.HttpSignatures;

// The values a signature base can draw from (RFC 9421 §2): derived components start with '@',
// anything else is a lowercase field name.
public interface IMessageComponents
{
    bool TryGetValue(string name, [NotNullWhen(true)] out string? value);
}

// A request as RFC 9421 §2.1 and §2.2 see it. The target URI is kept as the exact text given, since
// "@target-uri" signs those characters; the other derived components are cut from it. Fields map a
// lowercase name to its field lines in order; a field's value is its lines, each trimmed, joined
// with ", " (§2.1).
public sealed class RequestComponents(string method, string targetUri, IReadOnlyDictionary<string, IReadOnlyList<string>> fields)
    : IMessageComponents
{
    public RequestComponents(string method, string targetUri)
        : this(method, targetUri, new Dictionary<string, IReadOnlyList<string>>())
    {
    }

    public bool TryGetValue(string name, [NotNullWhen(true)] out string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        value = name switch
        {
            "@method" => method,
            "@target-uri" => targetUri,
            "@scheme" => Split()?.Scheme,
            "@authority" => Split()?.Authority,
            "@path" => Split()?.Path,
            "@query" => Split() is { } parts ? "?" + parts.Query : null,
            _ when name.StartsWith('@') || name.Any(char.IsAsciiLetterUpper) => null,
            _ => fields.TryGetValue(name, out var lines) && lines.Count > 0
                ? string.Join(", ", lines.Select(line => line.Trim(' ', '\t')))
                : null,
        };
        return value is not null;
    }

    // scheme "://" authority path-abempty [ "?" query ]; the scheme and host are lowercase and a
    // default port is left out (§2.2.3).
    private (string Scheme, string Authority, string Path, string Query)? Split()
    {
        var schemeEnd = targetUri.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return null;
        }
        var scheme = targetUri[..schemeEnd].ToLowerInvariant();
        var rest = targetUri[(schemeEnd + 3)..];
        var authorityEnd = rest.IndexOfAny(['/', '?']);
        var authority = (authorityEnd < 0 ? rest : rest[..authorityEnd]).ToLowerInvariant();
        var pathAndQuery = authorityEnd < 0 ? string.Empty : rest[authorityEnd..];
        if ((scheme == "https" && authority.EndsWith(":443", StringComparison.Ordinal))
            || (scheme == "http" && authority.EndsWith(":80", StringComparison.Ordinal)))
        {
            authority = authority[..authority.LastIndexOf(':')];
        }
        var queryStart = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? pathAndQuery : pathAndQuery[..queryStart];
        var query = queryStart < 0 ? string.Empty : pathAndQuery[(queryStart + 1)..];
        return (scheme, authority, path.Length == 0 ? "/" : path, query);
    }
}
