using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Acgs.Ledger.Integrity;

// The `acgs.seal` header of a recorded event (DESIGN §4.3): the JCS text of the hashed object with
// one more member, `hash`. TryParse accepts only the exact text ToHeaderText writes, so the stored
// header has one spelling and nothing in it escapes the hash; whether the hash recomputes is asked
// separately (HashMatches), because a wrong hash is a finding about the row, not a parse error.
public sealed partial record EventSeal(EventSealInput Input, string Hash)
{
    public const string HeaderName = "acgs.seal";

    private const string HashMember = "hash";

    public static EventSeal Create(EventSealInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new EventSeal(input, input.ComputeHash());
    }

    public bool HashMatches() => Sha256Hex.AreEqual(Input.ComputeHash(), Hash);

    public string ToHeaderText() => Input.ToHeaderText(Hash);

    public static bool TryParse(string? headerText, [NotNullWhen(true)] out EventSeal? seal, out string problem)
    {
        seal = null;
        problem = string.Empty;
        if (string.IsNullOrEmpty(headerText))
        {
            problem = "the seal header is empty";
            return false;
        }

        var utf8 = Encoding.UTF8.GetBytes(headerText);
        return TryReadLayout(utf8, out seal, out _) || TryParseGeneral(headerText, utf8, out seal, out problem);
    }

    // Reads any JSON, and says why what it refuses is refused; TryReadLayout only saves time.
    internal static bool TryParseGeneral(string headerText, byte[] utf8, [NotNullWhen(true)] out EventSeal? seal, out string problem)
    {
        seal = null;
        problem = string.Empty;
        using var parsed = StrictJson.Parse(utf8);
        if (!parsed.IsValid)
        {
            problem = $"the seal is not ledger JSON: {parsed.Error}";
            return false;
        }

        if (parsed.RootElement.ValueKind != JsonValueKind.Object
            || !parsed.RootElement.TryGetProperty(HashMember, out var hashElement)
            || hashElement.ValueKind != JsonValueKind.String)
        {
            problem = $"the seal is not a JSON object with a string member `{HashMember}`";
            return false;
        }

        var hashedMembers = JsonObject.Create(parsed.RootElement)!;
        hashedMembers.Remove(HashMember);
        if (!LedgerJson.TryDeserializeExact<EventSealInput>(
                JsonSerializer.SerializeToElement(hashedMembers, LedgerJson.Options), out var input, out var error))
        {
            problem = $"the seal does not have the expected members: {error}";
            return false;
        }

        var candidate = new EventSeal(input, hashElement.GetString()!);
        if (!input.IsWellFormed() || !Sha256Hex.IsWellFormed(candidate.Hash))
        {
            problem = "a seal member is out of range or not in its encoding (hex hash, base64 signature, version)";
            return false;
        }

        // Re-encoding what was read and comparing byte for byte refuses what reading alone would
        // normalise: member order, white space, escapes, uppercase UUIDs.
        if (!string.Equals(candidate.ToHeaderText(), headerText, StringComparison.Ordinal))
        {
            problem = "the seal is not in canonical form (RFC 8785)";
            return false;
        }

        seal = candidate;
        problem = string.Empty;
        return true;
    }
}
