using System.Text.Json;
using Acgs.Ledger.Integrity;

namespace Acgs.Protocol.Tests.Json;

/// <summary>The one serializer configuration shared by storage and hashing.</summary>
public class ledger_json_options_are_fixed
{
    private enum Stage
    {
        Proposed,
        UnderReview,
    }

    private sealed record Amendment(string Title, Stage Stage, int BaseVersion, string? Note);

    [Fact]
    public void the_shared_options_cannot_be_changed()
    {
        LedgerJson.Options.IsReadOnly.ShouldBeTrue();
        Should.Throw<InvalidOperationException>(() => LedgerJson.Options.PropertyNamingPolicy = null);
        Should.Throw<InvalidOperationException>(() => LedgerJson.Options.Converters.Add(new LedgerTimestampConverter()));
    }

    [Fact]
    public void names_and_enums_are_camel_case_and_nulls_are_not_written()
    {
        JsonSerializer.Serialize(new Amendment("Quorum", Stage.UnderReview, 3, null), LedgerJson.Options)
            .ShouldBe("""{"title":"Quorum","stage":"underReview","baseVersion":3}""");
    }

    [Fact]
    public void enums_are_never_read_from_integers()
    {
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<Amendment>("""{"title":"Quorum","stage":1,"baseVersion":3,"note":"n"}""", LedgerJson.Options));
    }

    [Theory]
    [InlineData("""{"title":"Quorum","stage":"proposed","baseVersion":3,"note":"n","other":1}""")]
    [InlineData("""{"title":"Quorum","title":"Twice","stage":"proposed","baseVersion":3,"note":"n"}""")]
    [InlineData("""{"Title":"Quorum","stage":"proposed","baseVersion":3,"note":"n"}""")]
    [InlineData("""{"title":"Quorum","stage":"proposed","baseVersion":"3","note":"n"}""")]
    [InlineData("""{"title":"Quorum","stage":"proposed","note":"n"}""")]
    [InlineData("""{"title":null,"stage":"proposed","baseVersion":3,"note":"n"}""")]
    [InlineData("""{"title":"Quorum","stage":"proposed","baseVersion":3,"note":"n",}""")]
    public void the_serializer_itself_refuses_loose_input(string json)
    {
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<Amendment>(json, LedgerJson.Options));
    }

    [Fact]
    public void other_options_can_take_the_same_settings()
    {
        var options = new JsonSerializerOptions();

        LedgerJson.ApplyTo(options);

        JsonSerializer.Serialize(new Amendment("Quorum", Stage.Proposed, 3, "n"), options)
            .ShouldBe(JsonSerializer.Serialize(new Amendment("Quorum", Stage.Proposed, 3, "n"), LedgerJson.Options));
    }
}
