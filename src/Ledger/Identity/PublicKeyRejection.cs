namespace Acgs.Ledger.Identity;

// Why a 32-byte string is not accepted as an actor's or the ledger's Ed25519 public key.
public enum PublicKeyRejection
{
    None,
    NotBase64,
    WrongLength,
    SmallOrder,
    NonCanonical,
    NotOnCurve,
}
