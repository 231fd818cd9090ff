using System.Text.Json;

namespace Acgs.Ledger.Integrity;

// DESIGN §4.2: payloadHash = SHA-256("acgs:payload:v1\n" || JCS(payload)), lowercase hex.
public static class PayloadHash
{
    public static byte[] HashInput(JsonElement payload) =>
        DomainTags.Prefix(DomainTags.Payload, CanonicalJson.Canonicalize(payload));

    public static string Compute(JsonElement payload) => Sha256Hex.Of(HashInput(payload));

    public static bool Matches(JsonElement payload, string? payloadHash) =>
        Sha256Hex.AreEqual(Compute(payload), payloadHash);
}
