using System.Text.Json;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Integrity;

namespace Acgs.Api.Tests.Audit;

// Each filtered read equals the unfiltered trail filtered by the client: nothing missing, nothing
// extra, still in leaf order.
[Collection(LedgerHostCollection.Name)]
public sealed class audit_filters_combine(LedgerHostFixture fixture)
{
    private readonly AuditReads reads = new(fixture.Host);

    [Fact]
    public async Task every_combination_selects_exactly_the_matching_events()
    {
        var (first, firstStreams) = await reads.SeedAsync(events: 20, eventsPerStream: 5);
        var (second, _) = await reads.SeedAsync(events: 15, eventsPerStream: 5);
        var all = await reads.WalkAsync("/v1/audit/events", 1000);
        var admin = fixture.Host.Ledger.AdminId;
        var window = all.Where(item => AuditReads.Actor(item) == first).Select(AuditReads.RecordedAt).Order().ToList();
        var from = window[window.Count / 3];
        var to = window[window.Count * 2 / 3];
        var fromText = LedgerTimestamp.Format(from);
        var toText = LedgerTimestamp.Format(to);

        var cases = new (string Query, Func<JsonElement, bool> Matches)[]
        {
            ($"actor={first}", item => AuditReads.Actor(item) == first),
            ($"stream={firstStreams[1]}", item => AuditReads.Stream(item) == firstStreams[1]),
            ($"actor={first}&stream={firstStreams[2]}", item => AuditReads.Stream(item) == firstStreams[2]),
            ($"actor={second}&stream={firstStreams[2]}", _ => false),
            ($"type={EventTypes.ActorRegistered}", item => AuditReads.Type(item) == EventTypes.ActorRegistered),
            ($"type={EventTypes.ActorRegistered}&actor={admin}", item => AuditReads.Type(item) == EventTypes.ActorRegistered && AuditReads.Actor(item) == admin),
            ($"type={EventTypes.ActorRegistered}&stream={first}", item => AuditReads.Stream(item) == first),
            ($"from={fromText}", item => AuditReads.RecordedAt(item) >= from),
            ($"to={toText}", item => AuditReads.RecordedAt(item) <= to),
            ($"from={fromText}&to={fromText}", item => AuditReads.RecordedAt(item) == from),
            ($"actor={first}&from={fromText}&to={toText}",
                item => AuditReads.Actor(item) == first && AuditReads.RecordedAt(item) >= from && AuditReads.RecordedAt(item) <= to),
            ($"actor={second}&type={EventTypes.ConstitutionAdopted}", _ => false),
        };
        foreach (var (query, matches) in cases)
        {
            var expected = all.Where(matches).Select(AuditReads.Leaf).ToList();
            var actual = await reads.WalkAsync($"/v1/audit/events?{query}", 4);
            actual.Select(AuditReads.Leaf).ShouldBe(expected, query);
        }
        all.Count(item => AuditReads.Stream(item) == first).ShouldBe(1);
    }
}
