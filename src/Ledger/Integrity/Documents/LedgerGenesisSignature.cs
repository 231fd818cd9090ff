using Acgs.Ledger.Identity;

namespace Acgs.Ledger.Integrity;

// DESIGN §4.5: at genesis the ledger key signs the LedgerCreated submission,
//   Ed25519(ledgerKey, "acgs:ledger-genesis:v1\n" || JCS(submission))
// binding the key auditors pin to the first event (the Admin's signature covers the same
// submission under a different tag).
public static class LedgerGenesisSignature
{
    public static byte[] SigningInput(Submission ledgerCreated)
    {
        ArgumentNullException.ThrowIfNull(ledgerCreated);
        return DomainTags.Prefix(DomainTags.LedgerGenesis, CanonicalJson.Serialize(ledgerCreated));
    }

    public static string Sign(SigningKey ledgerKey, Submission ledgerCreated)
    {
        ArgumentNullException.ThrowIfNull(ledgerKey);
        return WireEncoding.ToBase64(ledgerKey.Sign(SigningInput(ledgerCreated)));
    }

    public static bool Verify(VerificationKey ledgerKey, Submission ledgerCreated, string? signature)
    {
        ArgumentNullException.ThrowIfNull(ledgerKey);
        return ledgerKey.Verify(SigningInput(ledgerCreated), signature);
    }
}
