using System.Text.Json;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Integrity;

namespace Acgs.Api.Tests.Audit;

[Collection(LedgerHostCollection.Name)]
public sealed class the_audit_trail_lists_every_sealed_event_once_in_leaf_order(LedgerHostFixture fixture)
{
    private readonly AuditReads reads = new(fixture.Host);

    [Fact]
    public async Task pages_of_any_size_cover_the_whole_log_once_in_leaf_order()
    {
        await reads.SeedAsync(events: 40, eventsPerStream: 10);
        var leaves = await reads.LoggedLeavesAsync();

        foreach (var limit in new[] { 1, 7, 1000 })
        {
            var items = await reads.WalkAsync("/v1/audit/events", limit);
            items.Select(AuditReads.Leaf).ShouldBe(leaves);
        }
        (await reads.PageAsync("/v1/audit/events")).GetProperty("items").GetArrayLength().ShouldBe(Math.Min(leaves.Count, 100));
    }

    [Fact]
    public async Task each_item_carries_the_stored_seal_and_payload_of_its_leaf()
    {
        var (actorId, streams) = await reads.SeedAsync(events: 12, eventsPerStream: 6);

        var items = await reads.WalkAsync($"/v1/audit/events?actor={actorId}", 5);

        items.Count.ShouldBe(12);
        foreach (var item in items)
        {
            streams.ShouldContain(AuditReads.Stream(item));
            var stored = (await fixture.Host.Rows.StreamAsync(AuditReads.Stream(item))).Single(row => row.Version == item.GetProperty("version").GetInt64());
            EventSeal.TryParse(item.GetProperty("seal").GetRawText(), out var seal, out var problem).ShouldBeTrue(problem);
            seal.Hash.ShouldBe(item.GetProperty("eventHash").GetString());
            seal.HashMatches().ShouldBeTrue();
            seal.Input.Submission.ActorId.ShouldBe(actorId);
            LedgerTimestamp.Format(seal.Input.RecordedAt).ShouldBe(item.GetProperty("recordedAt").GetString());
            CanonicalJson.CanonicalizeToString(item.GetProperty("payload")).ShouldBe(CanonicalJson.CanonicalizeToString(JsonDocument.Parse(stored.Data).RootElement));
            (await reads.ScalarAsync($"select leaf_index from acgs.log_leaves where event_hash = '{seal.Hash}'")).ShouldBe(AuditReads.Leaf(item));
        }
    }

    [Fact]
    public async Task the_genesis_events_come_first_with_their_types()
    {
        var first = (await reads.PageAsync("/v1/audit/events?limit=4")).GetProperty("items").EnumerateArray().ToList();

        first.Select(AuditReads.Leaf).ShouldBe([0, 1, 2, 3]);
        AuditReads.Type(first[0]).ShouldBe(EventTypes.LedgerCreated);
        AuditReads.Actor(first[0]).ShouldBe(fixture.Host.Ledger.AdminId);
    }
}
