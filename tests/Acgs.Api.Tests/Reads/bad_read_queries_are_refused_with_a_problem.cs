using System.Net;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Integrity;

namespace Acgs.Api.Tests.Reads;

// Every refusal is a problem document with a stable type; metacharacters are only ever values.
[Collection(ReadsHostCollection.Name)]
public sealed class bad_read_queries_are_refused_with_a_problem(ReadsHostFixture fixture)
{
    [Theory]
    [InlineData("/v1/amendments?status=closed")]
    [InlineData("/v1/amendments?status=Ratified")]
    [InlineData("/v1/amendments?status=ratified'%20or%20'1'='1")]
    [InlineData("/v1/amendments?status=%7B%22status%22%3A%22open%22%7D")]
    [InlineData("/v1/amendments?status=open&status=ratified")]
    [InlineData("/v1/amendments?state=open")]
    [InlineData("/v1/amendments?limit=0")]
    [InlineData("/v1/amendments?limit=101")]
    [InlineData("/v1/amendments?limit=1e2")]
    [InlineData("/v1/amendments?limit=-1")]
    [InlineData("/v1/amendments/not-a-uuid")]
    [InlineData("/v1/amendments/0190B5E4-7C2A-7C3E-9A5B-1D2E3F4A5B6C")]
    [InlineData("/v1/policies?status=compiling")]
    [InlineData("/v1/policies/%27%3B%20drop%20table%20acgs.mt_events%3B--")]
    [InlineData("/v1/actors?role=emperor")]
    [InlineData("/v1/actors?role=council%22%5D")]
    [InlineData("/v1/actors?suspended=maybe")]
    [InlineData("/v1/actors?suspended=False")]
    [InlineData("/v1/actors/{0190b5e4-7c2a-7c3e-9a5b-1d2e3f4a5b6c}")]
    [InlineData("/v1/actors/0190b5e4-7c2a-7c3e-9a5b-1d2e3f4a5b6c?verbose=true")]
    [InlineData("/v1/constitution?version=0")]
    [InlineData("/v1/constitution?version=01")]
    [InlineData("/v1/constitution?version=two")]
    [InlineData("/v1/constitution?version=1&asOf=2025-01-01T00:00:00.000Z")]
    [InlineData("/v1/constitution?asOf=2025-01-01")]
    [InlineData("/v1/constitution?asOf=2025-01-01T00:00:00Z")]
    [InlineData("/v1/constitution?asOf=1970-01-01T00:00:00.000Z")]
    [InlineData("/v1/constitution?asOf=9999-12-31T23:59:59.999Z")]
    [InlineData("/v1/constitution?at=2025-01-01T00:00:00.000Z")]
    [InlineData("/v1/constitution/history?limit=1000")]
    public async Task a_bad_filter_is_a_400(string path)
    {
        await (await fixture.Client.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-read-query");
    }

    [Theory]
    [InlineData("/v1/constitution")]
    [InlineData("/v1/constitution/history")]
    [InlineData("/v1/amendments")]
    [InlineData("/v1/policies")]
    [InlineData("/v1/actors?role=council&suspended=false")]
    public async Task an_unsigned_read_is_a_401(string path)
    {
        await (await fixture.Host.UnsignedClient.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "read-signature-missing");
    }

    [Fact]
    public async Task as_of_a_time_before_genesis_or_in_the_future_is_a_400_naming_the_limit()
    {
        var genesis = (await fixture.Host.Rows.StreamAsync(fixture.Host.Ledger.Created.ConstitutionId))[0].Seal.Input.RecordedAt;

        var before = await fixture.Client.GetAsync($"/v1/constitution?asOf={LedgerTimestamp.Format(genesis.AddMilliseconds(-1))}");
        var future = await fixture.Client.GetAsync($"/v1/constitution?asOf={LedgerTimestamp.Format(LedgerTimestamp.Truncate(DateTimeOffset.UtcNow.AddMinutes(5)))}");

        await before.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-read-query");
        (await before.Content.ReadAsStringAsync()).ShouldContain("before the constitution was adopted");
        await future.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-read-query");
        (await future.Content.ReadAsStringAsync()).ShouldContain("in the future");
    }

    [Theory]
    [InlineData("/v1/amendments/0190b5e4-7c2a-7c3e-9a5b-1d2e3f4a5b6c")]
    [InlineData("/v1/policies/0190b5e4-7c2a-7c3e-9a5b-1d2e3f4a5b6c")]
    [InlineData("/v1/actors/0190b5e4-7c2a-7c3e-9a5b-1d2e3f4a5b6c")]
    [InlineData("/v1/constitution?version=3")]
    public async Task an_unknown_id_or_version_is_a_404(string path)
    {
        await (await fixture.Client.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task a_cursor_from_another_query_or_changed_in_any_character_is_refused()
    {
        var page = await fixture.GetJsonAsync("/v1/amendments?limit=1");
        var cursor = page.GetProperty("nextCursor").GetString()!;
        var tampered = cursor[..^1] + (cursor[^1] == 'A' ? 'B' : 'A');
        var history = (await fixture.GetJsonAsync("/v1/constitution/history?limit=1")).GetProperty("nextCursor").GetString()!;

        (await fixture.Client.GetAsync($"/v1/amendments?limit=1&cursor={cursor}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await fixture.Client.GetAsync($"/v1/amendments?status=ratified&limit=1&cursor={cursor}"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-cursor");
        await (await fixture.Client.GetAsync($"/v1/policies?limit=1&cursor={cursor}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-cursor");
        await (await fixture.Client.GetAsync($"/v1/amendments?limit=1&cursor={tampered}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-cursor");
        await (await fixture.Client.GetAsync($"/v1/amendments?limit=1&cursor={history}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-cursor");
        await (await fixture.Client.GetAsync($"/v1/constitution/history?cursor={cursor}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-cursor");
        await (await fixture.Client.GetAsync("/v1/actors?cursor=%27%20or%201%3D1--")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-cursor");
    }
}
