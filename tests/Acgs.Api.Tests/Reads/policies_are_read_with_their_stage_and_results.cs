using System.Text.Json;

namespace Acgs.Api.Tests.Reads;

[Collection(ReadsHostCollection.Name)]
public sealed class policies_are_read_with_their_stage_and_results(ReadsHostFixture fixture)
{
    [Fact]
    public async Task an_active_policy_shows_its_current_results_and_the_source_a_resynthesis_replaced()
    {
        var policy = await fixture.GetJsonAsync($"/v1/policies/{fixture.ActivePolicy}");

        policy.GetProperty("status").GetString().ShouldBe("active");
        var sourceHash = policy.GetProperty("sourceHash").GetString();
        var verifications = policy.GetProperty("verifications").EnumerateArray().ToList();
        verifications.Select(result => result.GetProperty("verdict").GetString()).ShouldBe(["passed"]);
        verifications.ShouldAllBe(result => result.GetProperty("sourceHash").GetString() == sourceHash);
        policy.GetProperty("compilations").EnumerateArray().Single().GetProperty("target").GetString().ShouldBe("wasm");
        var earlier = policy.GetProperty("history").EnumerateArray().Single();
        earlier.GetProperty("sourceHash").GetString().ShouldNotBe(sourceHash);
        earlier.GetProperty("verifications").EnumerateArray().Single().GetProperty("verdict").GetString().ShouldBe("failed");
        policy.GetProperty("version").GetInt64().ShouldBe(6);
    }

    [Fact]
    public async Task a_revoked_policy_says_why()
    {
        var policy = await fixture.GetJsonAsync($"/v1/policies/{fixture.RevokedPolicy}");

        policy.GetProperty("status").GetString().ShouldBe("revoked");
        policy.GetProperty("revocationReason").GetString().ShouldBe("allows everything");
    }

    [Theory]
    [InlineData("active")]
    [InlineData("revoked")]
    [InlineData("verified")]
    public async Task a_status_filter_lists_only_policies_at_that_stage(string status)
    {
        var listed = await fixture.AllPagesAsync($"/v1/policies?status={status}", limit: 100);

        listed.Select(Id).ShouldBe([status switch { "active" => fixture.ActivePolicy, "revoked" => fixture.RevokedPolicy, _ => fixture.VerifiedPolicy }]);
        (await fixture.GetJsonAsync("/v1/policies?status=compiled")).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    private static Guid Id(JsonElement policy) => policy.GetProperty("policyId").GetGuid();
}
