using System.Text.Json;

namespace Acgs.Api.Tests.Reads;

[Collection(ReadsHostCollection.Name)]
public sealed class amendments_are_read_with_their_votes_and_the_recorded_tally(ReadsHostFixture fixture)
{
    [Fact]
    public async Task a_ratified_amendment_shows_every_vote_and_the_tally_the_system_actor_recorded()
    {
        var amendment = await fixture.GetJsonAsync($"/v1/amendments/{fixture.Ratified}");

        amendment.GetProperty("amendmentId").GetGuid().ShouldBe(fixture.Ratified);
        amendment.GetProperty("status").GetString().ShouldBe("ratified");
        amendment.GetProperty("proposedBy").GetGuid().ShouldBe(fixture.ProposerId);
        amendment.GetProperty("voters").EnumerateArray().Select(voter => voter.GetGuid())
            .ShouldBe(fixture.Council.Select(member => member.ActorId), ignoreOrder: true);
        var votes = amendment.GetProperty("votes").EnumerateArray().ToList();
        votes.Select(vote => vote.GetProperty("voterId").GetGuid()).ShouldBe(fixture.Council.Select(member => member.ActorId));
        votes.ShouldAllBe(vote => vote.GetProperty("choice").GetString() == "for" && vote.GetProperty("reason").GetString() == "considered");
        amendment.GetProperty("tally").GetRawText().ShouldBe("""{"for":3,"against":0,"abstain":0,"eligible":3}""");
        amendment.GetProperty("constitutionVersion").GetInt32().ShouldBe(2);
        amendment.GetProperty("version").GetInt64().ShouldBe(5);
    }

    [Fact]
    public async Task a_rejected_amendment_says_why_and_a_withdrawn_one_by_whom()
    {
        var rejected = await fixture.GetJsonAsync($"/v1/amendments/{fixture.Rejected}");
        var withdrawn = await fixture.GetJsonAsync($"/v1/amendments/{fixture.Withdrawn}");

        rejected.GetProperty("status").GetString().ShouldBe("rejected");
        rejected.GetProperty("rejectionReason").GetString().ShouldBe("thresholdUnreachable");
        rejected.GetProperty("tally").GetProperty("against").GetInt32().ShouldBe(2);
        withdrawn.GetProperty("status").GetString().ShouldBe("withdrawn");
        withdrawn.GetProperty("withdrawal").GetProperty("withdrawnBy").GetGuid().ShouldBe(fixture.ProposerId);
        withdrawn.GetProperty("withdrawal").GetProperty("reason").GetString().ShouldBe("merged into another draft");
        withdrawn.TryGetProperty("tally", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("ratified")]
    [InlineData("rejected")]
    [InlineData("withdrawn")]
    public async Task a_status_filter_lists_only_amendments_in_that_status(string status)
    {
        var listed = await fixture.AllPagesAsync($"/v1/amendments?status={status}", limit: 100);

        listed.Select(Id).ShouldBe([status switch { "ratified" => fixture.Ratified, "rejected" => fixture.Rejected, _ => fixture.Withdrawn }]);
        (await fixture.GetJsonAsync("/v1/amendments?status=open")).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task pages_of_one_list_every_amendment_once_in_id_order()
    {
        var paged = await fixture.AllPagesAsync("/v1/amendments", limit: 1);

        paged.Select(Id).ShouldBe(new[] { fixture.Ratified, fixture.Withdrawn, fixture.Rejected }.Order());
    }

    private static Guid Id(JsonElement amendment) => amendment.GetProperty("amendmentId").GetGuid();
}
