using System.Text;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity;

namespace Acgs.Ledger.Sealing.Log;

// A row as the sealer reads it from mt_events.
public sealed record EventRow(long Seq, Guid StreamId, long Version, string Type, string Data, string? SealText);

// What the sealer re-derives from the stored bytes before it countersigns a row into the log
// (DESIGN §4.4): it never trusts that the row came through the choke point.
public static class SealedRowCheck
{
    // Null when the row is sound; otherwise why it is quarantined.
    public static string? Check(EventRow row, EventSeal seal, Guid ledgerId, string expectedPrev, Func<KeyId, (Guid ActorId, VerificationKey Key)?> findKey)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(seal);
        ArgumentNullException.ThrowIfNull(findKey);
        var input = seal.Input;
        var submission = input.Submission;
        if (!seal.HashMatches())
        {
            return "seal: the hash does not recompute";
        }
        if (input.LedgerId != ledgerId || submission.LedgerId != ledgerId)
        {
            return $"seal: ledger {input.LedgerId} is not this ledger";
        }
        if (input.StreamId != row.StreamId || input.Version != row.Version || submission.StreamId != row.StreamId
            || submission.ExpectedVersion + 1 != row.Version || submission.Type != row.Type)
        {
            return $"seal: describes {submission.Type} at stream {input.StreamId} version {input.Version}, not the row's {row.Type} at {row.StreamId} version {row.Version}";
        }
        if (!Sha256Hex.AreEqual(input.Prev, expectedPrev))
        {
            return $"seal: prev {input.Prev} does not link to the stream's previous event";
        }
        using (var data = StrictJson.Parse(Encoding.UTF8.GetBytes(row.Data)))
        {
            if (!data.IsValid || !PayloadHash.Matches(data.RootElement, submission.PayloadHash))
            {
                return "data: the stored payload does not match the signed payloadHash";
            }
        }
        if (findKey(submission.KeyId) is not { } key || key.ActorId != submission.ActorId)
        {
            return $"signature: key {submission.KeyId} is not a key of actor {submission.ActorId}";
        }
        return submission.VerifySignature(key.Key, input.Signature) ? null : "signature: does not verify";
    }
}
