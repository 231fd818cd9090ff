namespace Acgs.Ledger.Integrity.Merkle;

// Why a proof was accepted or not. Malformed is the default so that an unset result never reads as valid.
public enum ProofResult
{
    // A hash that must be 32 bytes is not, or the proof has no hash list at all.
    Malformed,

    // The index or sizes describe no proof: index outside the tree, first size zero or above the second.
    OutOfRange,

    // The proof has more or fewer hashes than its index and sizes call for.
    WrongLength,

    // The proof recomputes a root other than the one given.
    RootMismatch,

    Valid,
}
