using Acgs.Api.Tests.Infrastructure;

namespace Acgs.Api.Tests.Audit;

[Collection(LedgerHostCollection.Name)]
public sealed class replay_streams_the_sealed_log_from_any_leaf(LedgerHostFixture fixture)
{
    private readonly AuditReads reads = new(fixture.Host);

    [Fact]
    public async Task replay_from_leaf_zero_equals_the_whole_audit_trail()
    {
        // More than one replay page, so the stream crosses page boundaries.
        await reads.SeedAsync(events: 600, eventsPerStream: 20);
        var trail = await reads.WalkAsync("/v1/audit/events", 1000);

        var (lines, treeSize) = await reads.ReplayAsync(0);

        treeSize.ShouldBe(trail.Count);
        lines.Select(AuditReads.Leaf).ShouldBe(Enumerable.Range(0, trail.Count).Select(leaf => (long)leaf));
        lines.Select(line => line.GetRawText()).ShouldBe(trail.Select(item => item.GetRawText()));
    }

    [Fact]
    public async Task a_client_that_stopped_at_leaf_n_resumes_with_exactly_the_rest()
    {
        await reads.SeedAsync(events: 30, eventsPerStream: 10);
        var (all, treeSize) = await reads.ReplayAsync(0);
        var stoppedAt = all.Count / 2;

        var (rest, _) = await reads.ReplayAsync(stoppedAt + 1);

        all.Take(stoppedAt + 1).Concat(rest).Select(line => line.GetRawText()).ShouldBe(all.Select(line => line.GetRawText()));
        (await reads.ReplayAsync(treeSize)).Lines.ShouldBeEmpty();
        (await reads.ReplayAsync(999_999_999_999)).Lines.ShouldBeEmpty();
    }
}
