using Acgs.Ledger.Integrity;

namespace Acgs.Ledger.Identity;

// DESIGN §4.5: the owner of a key being registered or rotated in proves it holds the private half,
//   Ed25519(newKey, "acgs:pop:v1\n" || JCS({ledgerId, actorId, publicKey}))
// with publicKey the new key in padded base64. Binding ledger and actor stops a proof made for
// one registration from being replayed for another.
public sealed record ProofOfPossession(Guid LedgerId, Guid ActorId, string PublicKey)
{
    public static ProofOfPossession For(Guid ledgerId, Guid actorId, VerificationKey newKey)
    {
        ArgumentNullException.ThrowIfNull(newKey);
        return new ProofOfPossession(ledgerId, actorId, newKey.ToBase64());
    }

    public byte[] SigningInput() => DomainTags.Prefix(DomainTags.ProofOfPossession, CanonicalJson.Serialize(this));

    public string Sign(SigningKey newKey)
    {
        ArgumentNullException.ThrowIfNull(newKey);
        if (newKey.PublicKey.ToBase64() != PublicKey)
        {
            throw new ArgumentException("A proof of possession is signed by the key it names.", nameof(newKey));
        }

        return WireEncoding.ToBase64(newKey.Sign(SigningInput()));
    }

    // Verified under the key the document names; a weak or malformed key fails here too.
    public bool VerifySignature(string? signature) =>
        VerificationKey.TryParse(PublicKey, out var newKey, out _) && newKey.Verify(SigningInput(), signature);
}
