using JasperFx.Events;

namespace Acgs.Ledger.Integrity.Verification;

// One row of mt_events as PostgreSQL holds it: data as the UTF-8 of its jsonb text, and the headers
// taken apart by PostgreSQL's jsonb operators, which answer null rather than fail on a shape they do
// not expect: the JSON types of the headers and of their seal member, the UTF-8 of the seal's text,
// and the headers without the seal (absent unless the headers are an object with other members).
// With it, what the log holds for its sequence: its leaf and logged event hash, or the sealer's
// reason for refusing it.
internal sealed record RawEvent(
    long Sequence,
    Guid StreamId,
    long Version,
    string Type,
    byte[] Data,
    bool Archived,
    bool IsTombstone,
    string? HeadersType,
    string? SealType,
    byte[]? SealText,
    string? OtherHeaders,
    long? LeafIndex,
    string? LoggedEventHash,
    string? QuarantineReason)
{
    // Marten fills the sequence number of a failed append with exactly this shape, outside any
    // session listener (FACTS.md); the seal trigger lets that shape through and nothing else, so it
    // is recognised by the trigger's own test (its stream id is chosen per process).
    public static string TombstoneShape(string row) =>
        $"({row}.type = '{Tombstone.Name}' and {row}.data = '{{}}'::jsonb and coalesce({row}.headers, '{{}}'::jsonb) = '{{}}'::jsonb)";
}
