using System.Text.Json;
using Acgs.Ledger.Integrity.HttpSignatures;

namespace Acgs.Protocol.Tests.Rfc;

// Vectors/rfc9421-http-message-signatures (see SOURCE.txt there): RFC 9421 Appendix B.2.6, the
// test request signed with the Ed25519 test key of B.1.4.
public static class Rfc9421Example
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Vectors", "rfc9421-http-message-signatures");

    private static readonly Lazy<JsonElement> Values = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "b26-ed25519.json")));
        return document.RootElement.Clone();
    });

    public static string Value(string member) => Values.Value.GetProperty(member).GetString()!;

    public static byte[] SignatureBase => File.ReadAllBytes(Path.Combine(Folder, "b26-signature-base.txt"));

    // The request line and header fields of test-request.http; the scheme is not in the file, and no
    // component of B.2.6 depends on it.
    public static RequestComponents Request()
    {
        var lines = File.ReadAllText(Path.Combine(Folder, "test-request.http")).Split('\n');
        var requestLine = lines[0].Split(' ');
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1).TakeWhile(line => line.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon].ToLowerInvariant();
            fields[name] = [.. fields.GetValueOrDefault(name, []), line[(colon + 1)..]];
        }
        return new RequestComponents(requestLine[0], "https://" + fields["host"][0].Trim() + requestLine[1], fields);
    }
}
