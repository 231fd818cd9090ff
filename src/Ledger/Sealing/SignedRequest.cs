using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Acgs.Ledger.Integrity;

namespace Acgs.Ledger.Sealing;

// The body of every write (DESIGN §4.2): the signed submission, the payload it hashes, and the
// actor's signature over the submission.
public sealed record SignedRequest(Submission Submission, JsonElement Payload, string Signature)
{
    // The envelope read exactly (LedgerJson.TryDeserializeExact). Its round trip reduces to the
    // submission's: the payload is kept as the element it is (the act reads it exactly on its own)
    // and the signature is a string. So the usual shape, exactly these three members with an object
    // payload and a string signature, has only its submission read and round-tripped, which spares
    // serialising and canonicalising the whole body once more; anything else, and any refusal, takes
    // the general reading, which names what is wrong. `root` must be StrictJson's, so no member
    // appears twice; the payload element belongs to its document.
    public static bool TryRead(JsonElement root, [NotNullWhen(true)] out SignedRequest? request, [NotNullWhen(false)] out JsonInputError? error)
    {
        if (TryReadUsualShape(root, out request))
        {
            error = null;
            return true;
        }
        return LedgerJson.TryDeserializeExact(root, out request, out error);
    }

    private static bool TryReadUsualShape(JsonElement root, [NotNullWhen(true)] out SignedRequest? request)
    {
        request = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        JsonElement? submission = null;
        JsonElement? payload = null;
        string? signature = null;
        var members = 0;
        foreach (var member in root.EnumerateObject())
        {
            members++;
            if (member.NameEquals("submission"u8) && member.Value.ValueKind == JsonValueKind.Object)
            {
                submission = member.Value;
            }
            else if (member.NameEquals("payload"u8) && member.Value.ValueKind == JsonValueKind.Object)
            {
                payload = member.Value;
            }
            else if (member.NameEquals("signature"u8) && member.Value.ValueKind == JsonValueKind.String)
            {
                signature = member.Value.GetString();
            }
            else
            {
                return false;
            }
        }
        if (members != 3 || submission is null || payload is null || signature is null
            || !LedgerJson.TryDeserializeExact<Submission>(submission.Value, out var signed, out _))
        {
            return false;
        }
        request = new SignedRequest(signed, payload.Value, signature);
        return true;
    }
}
