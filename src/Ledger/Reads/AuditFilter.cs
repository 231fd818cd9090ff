using System.Text;
using Acgs.Ledger.Integrity;

namespace Acgs.Ledger.Reads;

// What an audit read selects (DESIGN §4.6); null members select everything. From and To bound the
// sealed recordedAt, both inclusive, never Marten's own timestamp column.
public sealed record AuditFilter(Guid? ActorId = null, string? Type = null, Guid? StreamId = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    public static readonly AuditFilter All = new();

    // One line per member in a fixed order: two filters select the same events exactly when their
    // texts are equal, so a page cursor can be bound to it. No member can hold a line break (UUIDs,
    // registered type names and ledger timestamps only).
    public string CanonicalText()
    {
        var text = new StringBuilder();
        text.Append("actor=").Append(ActorId?.ToString() ?? "").Append('\n');
        text.Append("type=").Append(Type ?? "").Append('\n');
        text.Append("stream=").Append(StreamId?.ToString() ?? "").Append('\n');
        text.Append("from=").Append(From is { } from ? LedgerTimestamp.Format(from) : "").Append('\n');
        text.Append("to=").Append(To is { } to ? LedgerTimestamp.Format(to) : "");
        return text.ToString();
    }
}
