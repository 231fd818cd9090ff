using Acgs.Ledger.Integrity;

namespace Acgs.Ledger.Sealing;

// The server's clock as the seal records it: truncated to milliseconds, because the wire format
// has exactly three fractional digits and a seal must round-trip through it.
public sealed class LedgerClock(TimeProvider time)
{
    public DateTimeOffset Now() => LedgerTimestamp.Truncate(time.GetUtcNow());
}
