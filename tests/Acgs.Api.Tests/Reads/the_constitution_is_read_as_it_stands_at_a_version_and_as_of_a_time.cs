using System.Text.Json;
using Acgs.Ledger.Integrity;

namespace Acgs.Api.Tests.Reads;

// Time travel by the sealed recordedAt of the constitution's own stream (DESIGN §4.6), never Marten's.
[Collection(ReadsHostCollection.Name)]
public sealed class the_constitution_is_read_as_it_stands_at_a_version_and_as_of_a_time(ReadsHostFixture fixture)
{
    private Guid ConstitutionId => fixture.Host.Ledger.Created.ConstitutionId;

    [Fact]
    public async Task as_it_stands_it_is_the_version_the_ratification_made_with_that_events_seal()
    {
        var current = await fixture.GetJsonAsync("/v1/constitution");

        current.EnumerateObject().Select(member => member.Name).Order(StringComparer.Ordinal)
            .ShouldBe(["constitutionId", "eventHash", "metaRules", "principles", "recordedAt", "version"]);
        current.GetProperty("constitutionId").GetGuid().ShouldBe(ConstitutionId);
        current.GetProperty("version").GetInt32().ShouldBe(2);
        Principles(current).ShouldContain(fixture.RatifiedPrinciple);
        var stream = await fixture.Host.Rows.StreamAsync(ConstitutionId);
        current.GetProperty("eventHash").GetString().ShouldBe(stream[1].Seal.Hash);
        current.GetProperty("recordedAt").GetString().ShouldBe(LedgerTimestamp.Format(stream[1].Seal.Input.RecordedAt));
    }

    [Fact]
    public async Task as_of_a_time_before_the_ratification_it_is_version_1()
    {
        var before = await fixture.GetJsonAsync($"/v1/constitution?asOf={LedgerTimestamp.Format(fixture.BeforeRatification)}");

        before.GetProperty("version").GetInt32().ShouldBe(1);
        Principles(before).ShouldNotContain(fixture.RatifiedPrinciple);
        var stream = await fixture.Host.Rows.StreamAsync(ConstitutionId);
        before.GetProperty("eventHash").GetString().ShouldBe(stream[0].Seal.Hash);
    }

    [Fact]
    public async Task as_of_the_instant_version_2_was_sealed_it_is_version_2()
    {
        var stream = await fixture.Host.Rows.StreamAsync(ConstitutionId);

        var atRatification = await fixture.GetJsonAsync($"/v1/constitution?asOf={LedgerTimestamp.Format(stream[1].Seal.Input.RecordedAt)}");
        var atGenesis = await fixture.GetJsonAsync($"/v1/constitution?asOf={LedgerTimestamp.Format(stream[0].Seal.Input.RecordedAt)}");

        atRatification.GetProperty("version").GetInt32().ShouldBe(2);
        atGenesis.GetProperty("version").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task at_a_version_it_is_that_version_replayed_from_the_stream()
    {
        var first = await fixture.GetJsonAsync("/v1/constitution?version=1");
        var second = await fixture.GetJsonAsync("/v1/constitution?version=2");

        first.GetProperty("version").GetInt32().ShouldBe(1);
        Principles(first).ShouldNotContain(fixture.RatifiedPrinciple);
        second.GetProperty("principles").GetRawText().ShouldBe((await fixture.GetJsonAsync("/v1/constitution")).GetProperty("principles").GetRawText());
    }

    [Fact]
    public async Task its_history_lists_every_version_in_order_with_the_amendment_that_made_it()
    {
        var stream = await fixture.Host.Rows.StreamAsync(ConstitutionId);

        var history = await fixture.GetJsonAsync("/v1/constitution/history");
        var paged = await fixture.AllPagesAsync("/v1/constitution/history", limit: 1);

        var versions = history.GetProperty("items").EnumerateArray().ToList();
        versions.Select(version => version.GetProperty("version").GetInt32()).ShouldBe([1, 2]);
        versions.Select(version => version.GetProperty("eventHash").GetString()).ShouldBe(stream.Select(row => row.Seal.Hash));
        versions.Select(version => version.GetProperty("recordedAt").GetString())
            .ShouldBe(stream.Select(row => LedgerTimestamp.Format(row.Seal.Input.RecordedAt)));
        versions[0].TryGetProperty("amendmentId", out _).ShouldBeFalse();
        versions[1].GetProperty("amendmentId").GetGuid().ShouldBe(fixture.Ratified);
        history.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
        paged.Select(version => version.GetRawText()).ShouldBe(versions.Select(version => version.GetRawText()));
    }

    private static List<string?> Principles(JsonElement constitution) =>
        constitution.GetProperty("principles").EnumerateArray().Select(principle => principle.GetProperty("id").GetString()).ToList();
}
