namespace Acgs.Ledger.Integrity.Notes;

// What a note's signatures showed against the keys the caller trusts.
public sealed class NoteVerification
{
    internal NoteVerification(
        IReadOnlyList<NoteVerifierKey> verifiedBy,
        IReadOnlyList<NoteVerifierKey> failedBy,
        IReadOnlyList<NoteSignature> unknown)
    {
        VerifiedBy = verifiedBy;
        FailedBy = failedBy;
        Unknown = unknown;
    }

    // Trusted keys with a signature on the note that verifies.
    public IReadOnlyList<NoteVerifierKey> VerifiedBy { get; }

    // Trusted keys named (name and key ID) by a signature line that does not verify.
    public IReadOnlyList<NoteVerifierKey> FailedBy { get; }

    // Signature lines from keys the caller did not give; C2SP requires them to be ignored.
    public IReadOnlyList<NoteSignature> Unknown { get; }

    // C2SP: no verifying signature from a known key, or a failing one, and the note is rejected.
    public bool IsValid => VerifiedBy.Count > 0 && FailedBy.Count == 0;
}
