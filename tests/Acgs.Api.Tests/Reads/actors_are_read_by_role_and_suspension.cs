using System.Text.Json;
using Acgs.Ledger.Identity.Actors;

namespace Acgs.Api.Tests.Reads;

[Collection(ReadsHostCollection.Name)]
public sealed class actors_are_read_by_role_and_suspension(ReadsHostFixture fixture)
{
    [Fact]
    public async Task the_council_not_suspended_is_listed_in_the_shape_the_cli_reads()
    {
        var page = await fixture.GetJsonAsync("/v1/actors?role=council&suspended=false");

        page.EnumerateObject().Select(member => member.Name).ShouldBe(["items", "nextCursor"], ignoreOrder: true);
        page.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.Select(Id).ShouldBe(fixture.Council.Select(member => member.ActorId).Order());
        foreach (var item in items)
        {
            item.EnumerateObject().Select(member => member.Name).ShouldBe(["actorId", "name", "roles", "keyId", "suspended", "version"], ignoreOrder: true);
            item.GetProperty("roles").EnumerateArray().Select(role => role.GetString()).ShouldBe(["council"]);
            item.GetProperty("suspended").GetBoolean().ShouldBeFalse();
            var key = fixture.Council.Single(member => member.ActorId == Id(item)).Key;
            item.GetProperty("keyId").GetString().ShouldBe(key.PublicKey.KeyId.Value);
        }
    }

    [Fact]
    public async Task a_suspended_actor_is_listed_as_suspended_and_read_by_its_id()
    {
        var suspended = await fixture.AllPagesAsync("/v1/actors?suspended=true", limit: 10);
        var auditor = await fixture.GetJsonAsync($"/v1/actors/{fixture.SuspendedAuditorId}");

        suspended.Select(Id).ShouldBe([fixture.SuspendedAuditorId]);
        auditor.GetProperty("suspended").GetBoolean().ShouldBeTrue();
        auditor.GetProperty("roles").EnumerateArray().Select(role => role.GetString()).ShouldBe(["auditor"]);
        auditor.GetProperty("version").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task pages_of_two_list_every_actor_once()
    {
        var all = await fixture.AllPagesAsync("/v1/actors", limit: 2);

        all.Select(Id).ShouldBe(all.Select(Id).Order());
        all.Select(Id).ShouldBe(
            new[] { fixture.Host.Ledger.AdminId, fixture.Host.Ledger.Created.System.ActorId, fixture.ProposerId, fixture.SuspendedAuditorId }
                .Concat(fixture.Council.Select(member => member.ActorId)).Order());
        (await fixture.AllPagesAsync($"/v1/actors?role={nameof(Role.System).ToLowerInvariant()}", limit: 5)).Select(Id)
            .ShouldBe([fixture.Host.Ledger.Created.System.ActorId]);
    }

    private static Guid Id(JsonElement actor) => actor.GetProperty("actorId").GetGuid();
}
