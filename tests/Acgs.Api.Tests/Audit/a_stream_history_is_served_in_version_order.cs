using Acgs.Api.Tests.Infrastructure;

namespace Acgs.Api.Tests.Audit;

[Collection(LedgerHostCollection.Name)]
public sealed class a_stream_history_is_served_in_version_order(LedgerHostFixture fixture)
{
    private readonly AuditReads reads = new(fixture.Host);

    [Fact]
    public async Task every_version_once_across_pages()
    {
        var (_, streams) = await reads.SeedAsync(events: 23, eventsPerStream: 23);

        var history = await reads.WalkAsync($"/v1/streams/{streams[0]}/events", 4);

        history.Select(item => item.GetProperty("version").GetInt64()).ShouldBe(Enumerable.Range(1, 23).Select(version => (long)version));
        history.ShouldAllBe(item => AuditReads.Stream(item) == streams[0]);
        history.Select(AuditReads.Leaf).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public async Task a_stream_with_no_sealed_events_has_an_empty_history()
    {
        var page = await reads.PageAsync($"/v1/streams/{Guid.CreateVersion7()}/events");

        page.GetProperty("items").GetArrayLength().ShouldBe(0);
        page.GetProperty("nextCursor").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }
}
