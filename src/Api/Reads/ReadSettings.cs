namespace Acgs.Api.Reads;

// Acgs:PublicBaseUrl is the URL clients address the ledger by (scheme, host, port and any path prefix
// a proxy adds): a signed read's "@target-uri" is this plus the request's raw target, never a Host or
// X-Forwarded-* header, which a client or a proxy could set to anything. Acgs:Reads:Public=true is
// transparency mode: unsigned reads are served. Without either the API does not start.
public sealed record ReadSettings(bool Public, string? PublicBaseUrl)
{
    public const string PublicBaseUrlKey = "Acgs:PublicBaseUrl";
    public const string PublicKey = "Acgs:Reads:Public";

    public static ReadSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var isPublic = configuration.GetValue(PublicKey, defaultValue: false);
        var configured = configuration[PublicBaseUrlKey];
        if (string.IsNullOrEmpty(configured))
        {
            return isPublic
                ? new ReadSettings(true, null)
                : throw new InvalidOperationException(
                    $"{PublicBaseUrlKey} is not configured: signed reads are checked against it (or set {PublicKey}=true to serve reads unsigned).");
        }
        if (!Uri.TryCreate(configured, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
        {
            throw new InvalidOperationException($"{PublicBaseUrlKey} must be an absolute http or https URL without query, fragment or user info.");
        }
        // Written as an HTTP client writes it: lowercase scheme and host, no default port, no final slash.
        return new ReadSettings(isPublic, url.GetLeftPart(UriPartial.Path).TrimEnd('/'));
    }
}
