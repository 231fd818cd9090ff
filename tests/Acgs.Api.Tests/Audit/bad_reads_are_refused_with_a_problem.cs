using System.Net;
using Acgs.Api.Tests.Infrastructure;

namespace Acgs.Api.Tests.Audit;

[Collection(LedgerHostCollection.Name)]
public sealed class bad_reads_are_refused_with_a_problem(LedgerHostFixture fixture)
{
    private const string Query = "invalid-read-query";
    private const string Cursor = "invalid-cursor";
    private const string Uuid = "0190a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b";

    private readonly AuditReads reads = new(fixture.Host);

    [Theory]
    [InlineData("/v1/audit/events?actor=not-a-uuid", Query)]
    [InlineData("/v1/audit/events?actor=0190A3C4-5B6D-7E8F-9A0B-1C2D3E4F5A6B", Query)]
    [InlineData("/v1/audit/events?actor={0190a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b}", Query)]
    [InlineData("/v1/audit/events?stream=123", Query)]
    [InlineData("/v1/audit/events?stream=", Query)]
    [InlineData("/v1/audit/events?from=2026-11-27", Query)]
    [InlineData("/v1/audit/events?from=2026-02-30T00:00:00.000Z", Query)]
    [InlineData("/v1/audit/events?to=2026-11-27T10:00:00%2B00:00", Query)]
    [InlineData("/v1/audit/events?from=2026-11-27T10:00:00.001Z&to=2026-11-27T10:00:00.000Z", Query)]
    [InlineData("/v1/audit/events?type=no-such-type", Query)]
    [InlineData("/v1/audit/events?type=audit_note", Query)]
    [InlineData("/v1/audit/events?type=ACTOR-REGISTERED", Query)]
    [InlineData("/v1/audit/events?limit=0", Query)]
    [InlineData("/v1/audit/events?limit=1001", Query)]
    [InlineData("/v1/audit/events?limit=99999999999999999999", Query)]
    [InlineData("/v1/audit/events?limit=abc", Query)]
    [InlineData("/v1/audit/events?limit=-1", Query)]
    [InlineData("/v1/audit/events?limit=%2B5", Query)]
    [InlineData("/v1/audit/events?limit=", Query)]
    [InlineData("/v1/audit/events?actr=" + Uuid, Query)]
    [InlineData("/v1/audit/events?actor=" + Uuid + "&actor=" + Uuid, Query)]
    [InlineData("/v1/audit/events?cursor=garbage", Cursor)]
    [InlineData("/v1/audit/events?cursor=", Cursor)]
    [InlineData("/v1/audit/events?cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Cursor)]
    [InlineData("/v1/streams/not-a-uuid/events", Query)]
    [InlineData("/v1/streams/" + Uuid + "/events?limit=0", Query)]
    [InlineData("/v1/streams/" + Uuid + "/events?actor=" + Uuid, Query)]
    [InlineData("/v1/streams/" + Uuid + "/events?cursor=garbage", Cursor)]
    [InlineData("/v1/replay?from=-1", Query)]
    [InlineData("/v1/replay?from=abc", Query)]
    [InlineData("/v1/replay?from=", Query)]
    [InlineData("/v1/replay?from=1e3", Query)]
    [InlineData("/v1/replay?from=9999999999999999999", Query)]
    [InlineData("/v1/replay?from=0&from=1", Query)]
    [InlineData("/v1/replay?after=0", Query)]
    public async Task a_bad_parameter_is_a_400_problem(string path, string kind) =>
        await (await reads.Client.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, kind);

    [Theory]
    [InlineData("actor", "'; drop table acgs.audit_events; --")]
    [InlineData("actor", "{\"$ne\":1}")]
    [InlineData("stream", "' or '1'='1")]
    [InlineData("type", "actor-registered' or '1'='1")]
    [InlineData("type", "{\"$gt\":\"\"}")]
    [InlineData("from", "2026-11-27T10:00:00.000Z'; delete from acgs.audit_events; --")]
    [InlineData("cursor", "'; drop table acgs.log_leaves; --")]
    public async Task sql_and_json_metacharacters_are_only_ever_data(string parameter, string value)
    {
        await reads.SeedAsync(events: 2, eventsPerStream: 2);
        var events = await reads.ScalarAsync("select count(*) from acgs.audit_events");

        var response = await reads.Client.GetAsync($"/v1/audit/events?{parameter}={Uri.EscapeDataString(value)}");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, parameter == "cursor" ? Cursor : Query);
        (await reads.ScalarAsync("select count(*) from acgs.audit_events")).ShouldBe(events);
        (await reads.ScalarAsync("select count(*) from acgs.log_leaves")).ShouldBe(events);
    }

    [Fact]
    public async Task a_cursor_only_continues_the_query_it_came_from()
    {
        var (actorId, streams) = await reads.SeedAsync(events: 6, eventsPerStream: 3);
        var actorCursor = await NextCursorAsync($"/v1/audit/events?actor={actorId}&limit=2");
        var streamCursor = await NextCursorAsync($"/v1/streams/{streams[0]}/events?limit=1");

        foreach (var path in new[]
        {
            $"/v1/audit/events?cursor={actorCursor}",
            $"/v1/audit/events?actor={fixture.Host.Ledger.AdminId}&cursor={actorCursor}",
            $"/v1/audit/events?actor={actorId}&stream={streams[0]}&cursor={actorCursor}",
            $"/v1/streams/{actorId}/events?cursor={actorCursor}",
            $"/v1/streams/{streams[1]}/events?cursor={streamCursor}",
            $"/v1/audit/events?stream={streams[0]}&cursor={streamCursor}",
        })
        {
            await (await reads.Client.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, Cursor);
        }
        // The limit is not part of the query: a client may change its page size as it goes.
        (await reads.PageAsync($"/v1/audit/events?actor={actorId}&limit=3&cursor={actorCursor}"))
            .GetProperty("items").GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task a_cursor_changed_in_any_character_is_refused()
    {
        var (actorId, _) = await reads.SeedAsync(events: 4, eventsPerStream: 4);
        var path = $"/v1/audit/events?actor={actorId}&limit=1";
        var cursor = await NextCursorAsync(path);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

        for (var position = 0; position < cursor.Length; position++)
        {
            var replacement = alphabet[(alphabet.IndexOf(cursor[position], StringComparison.Ordinal) + 1) % alphabet.Length];
            var tampered = string.Concat(cursor.AsSpan(0, position), replacement.ToString(), cursor.AsSpan(position + 1));
            await (await reads.Client.GetAsync($"{path}&cursor={tampered}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, Cursor);
        }
        await (await reads.Client.GetAsync($"{path}&cursor={cursor}A")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, Cursor);
        await (await reads.Client.GetAsync($"{path}&cursor={cursor[..^1]}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, Cursor);
        (await reads.PageAsync($"{path}&cursor={cursor}")).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    private async Task<string> NextCursorAsync(string path) =>
        (await reads.PageAsync(path)).GetProperty("nextCursor").GetString().ShouldNotBeNull();
}
