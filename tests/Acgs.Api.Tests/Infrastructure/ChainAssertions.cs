using Acgs.Ledger.Integrity;

namespace Acgs.Api.Tests.Infrastructure;

public static class ChainAssertions
{
    // DESIGN §4.3: versions 1..n with no gap or fork, each seal canonical with a hash that
    // recomputes, agreeing with its row, linked to the previous event, recordedAt never going back.
    public static async Task<IReadOnlyList<StoredEvent>> ShouldBeUnbrokenChainAsync(this LedgerRows rows, Guid ledgerId, Guid streamId)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var stored = await rows.StreamAsync(streamId);
        stored.Select(row => row.Version).ShouldBe(Enumerable.Range(1, stored.Count).Select(version => (long)version));
        var prev = GenesisLink.Compute(ledgerId, streamId);
        var recordedAt = DateTimeOffset.MinValue;
        foreach (var row in stored)
        {
            var seal = row.Seal;
            seal.HashMatches().ShouldBeTrue($"version {row.Version}");
            seal.Input.LedgerId.ShouldBe(ledgerId);
            seal.Input.StreamId.ShouldBe(row.StreamId);
            seal.Input.Version.ShouldBe(row.Version);
            seal.Input.Submission.Type.ShouldBe(row.Type);
            seal.Input.Prev.ShouldBe(prev, $"version {row.Version}");
            seal.Input.RecordedAt.ShouldBeGreaterThanOrEqualTo(recordedAt);
            prev = seal.Hash;
            recordedAt = seal.Input.RecordedAt;
        }
        return stored;
    }
}
