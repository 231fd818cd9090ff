using Acgs.Ledger.Identity;

namespace Acgs.Ledger.Sealing;

// The ledger's own identity at run time: its id and origin, fixed at genesis, and the keys it signs
// receipts and checkpoints (ledger key) and automatic acts (System key) with.
public sealed class LedgerAuthority(Guid ledgerId, string origin, SigningKey ledgerKey, SigningKey systemKey, Guid systemActorId) : IDisposable
{
    public Guid LedgerId { get; } = ledgerId;

    public string Origin { get; } = origin;

    public SigningKey LedgerKey { get; } = ledgerKey;

    public SigningKey SystemKey { get; } = systemKey;

    public Guid SystemActorId { get; } = systemActorId;

    public void Dispose()
    {
        LedgerKey.Dispose();
        SystemKey.Dispose();
    }
}
