using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;

namespace Acgs.Api.Tests.Audit;

// A time window walks only the leaves the checkpoints bound (SealedEventReader). An event recorded
// before later ones but committed after them is logged after them, past checkpoints whose leaves
// were all recorded after the window: an end bound drawn from those would drop it.
[Collection(LedgerHostCollection.Name)]
public sealed class a_late_commit_appears_in_a_time_window_that_holds_its_recorded_at(LedgerHostFixture fixture)
{
    private readonly AuditReads reads = new(fixture.Host);

    [Fact]
    public async Task every_window_around_the_late_event_lists_it_and_exactly_the_events_recorded_in_it()
    {
        var host = fixture.Host;
        var submitter = new Submitter(host);
        await submitter.RegisterAsync(Role.Council);
        await reads.WaitUntilSealedAsync();
        await Task.Delay(5);
        await using var lateRegistration = await LateRegistration.BeginAsync(host, LedgerHostFixture.Database);
        await Task.Delay(5);
        for (var i = 0; i < 3; i++)
        {
            await submitter.RegisterAsync(Role.Council);
            await reads.WaitUntilSealedAsync();
        }
        await lateRegistration.CommitAsync();
        await reads.WaitUntilSealedAsync();

        var all = await reads.WalkAsync("/v1/audit/events", 1000);
        var late = all.Single(item => AuditReads.Stream(item) == lateRegistration.ActorId);
        var lateAt = AuditReads.RecordedAt(late);
        var lastAt = all.Max(AuditReads.RecordedAt);
        (await CountAsync($"select count(*) from acgs.log_checkpoints where recorded_through < '{Format(lateAt)}'")).ShouldBeGreaterThan(0);
        (await CountAsync($"select count(*) from acgs.log_checkpoints where added_earliest > '{Format(lateAt)}' and tree_size <= {AuditReads.Leaf(late)}"))
            .ShouldBeGreaterThan(0);

        var windows = new[]
        {
            (lateAt, lateAt), (lateAt, lastAt), (lateAt.AddMilliseconds(-1), lateAt.AddMilliseconds(1)),
            (all.Min(AuditReads.RecordedAt), lateAt), (lateAt.AddMilliseconds(1), lastAt),
        };
        foreach (var (from, to) in windows)
        {
            var query = $"/v1/audit/events?from={Format(from)}&to={Format(to)}";
            var expected = all.Where(item => AuditReads.RecordedAt(item) >= from && AuditReads.RecordedAt(item) <= to).Select(AuditReads.Leaf).ToList();
            (await reads.WalkAsync(query, 2)).Select(AuditReads.Leaf).ShouldBe(expected, query);
            expected.Contains(AuditReads.Leaf(late)).ShouldBe(from <= lateAt && lateAt <= to, query);
        }
        (await reads.WalkAsync($"/v1/audit/events?from={Format(lateAt.AddMilliseconds(1))}&actor={lateRegistration.ActorId}", 10)).ShouldBeEmpty();

        // Each checkpoint's recorded_through is the latest recordedAt of the leaves it covers, and its
        // added_earliest the earliest of those it added.
        (await CountAsync(
            """
            select count(*) from (select tree_size, recorded_through, added_earliest,
                                         lag(tree_size, 1, 0::bigint) over (order by tree_size) as previous
                                  from acgs.log_checkpoints) c
            where c.recorded_through is distinct from (select max(a.recorded_at) from acgs.audit_events a where a.leaf_index < c.tree_size)
               or c.added_earliest is distinct from
                  (select min(a.recorded_at) from acgs.audit_events a where a.leaf_index >= c.previous and a.leaf_index < c.tree_size)
            """)).ShouldBe(0);
    }

    private static string Format(DateTimeOffset instant) => LedgerTimestamp.Format(instant);

    private Task<long> CountAsync(string sql) => reads.ScalarAsync(sql);
}
