using System.Text.Json;

namespace Acgs.Protocol.Tests.Rfc;

public sealed record Rfc8032Vector(string Name, byte[] SecretKey, byte[] PublicKey, byte[] Message, byte[] Signature);

// Vectors/rfc8032-ed25519 (see SOURCE.txt there): RFC 8032 §7.1 TEST 1, 2, 3, 1024 and SHA(abc).
public static class Rfc8032Vectors
{
    private static readonly Lazy<IReadOnlyDictionary<string, Rfc8032Vector>> All = new(Load);

    public static TheoryData<string> Names => new(All.Value.Keys.Order(StringComparer.Ordinal));

    public static Rfc8032Vector Named(string name) => All.Value[name];

    private static IReadOnlyDictionary<string, Rfc8032Vector> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", "rfc8032-ed25519", "rfc8032-7.1-ed25519.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("vectors").EnumerateArray()
            .Select(vector => new Rfc8032Vector(
                vector.GetProperty("name").GetString()!,
                Hex(vector, "secret_key"),
                Hex(vector, "public_key"),
                Hex(vector, "message"),
                Hex(vector, "signature")))
            .ToDictionary(vector => vector.Name);
    }

    private static byte[] Hex(JsonElement vector, string member) =>
        Convert.FromHexString(vector.GetProperty(member).GetString()!);
}
