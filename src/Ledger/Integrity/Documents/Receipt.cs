using Acgs.Ledger.Identity;

namespace Acgs.Ledger.Integrity;

// DESIGN §4.3: the ledger's signed promise to include an event in its log,
//   receipt = Ed25519(ledgerKey, "acgs:receipt:v1\n" || JCS({ledgerId, eventHash, streamId, version, recordedAt}))
public sealed record Receipt(Guid LedgerId, string EventHash, Guid StreamId, long Version, DateTimeOffset RecordedAt)
{
    public byte[] SigningInput() => DomainTags.Prefix(DomainTags.Receipt, CanonicalJson.Serialize(this));

    public string Sign(SigningKey ledgerKey)
    {
        ArgumentNullException.ThrowIfNull(ledgerKey);
        return WireEncoding.ToBase64(ledgerKey.Sign(SigningInput()));
    }

    public bool VerifySignature(VerificationKey ledgerKey, string? signature)
    {
        ArgumentNullException.ThrowIfNull(ledgerKey);
        return ledgerKey.Verify(SigningInput(), signature);
    }
}
