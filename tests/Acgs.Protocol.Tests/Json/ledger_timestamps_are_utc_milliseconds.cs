using System.Text;
using System.Text.Json;
using Acgs.Ledger.Integrity;
using CsCheck;

namespace Acgs.Protocol.Tests.Json;

/// <summary>DESIGN §4.1: one timestamp spelling, exactly what JavaScript's toISOString() writes.</summary>
public class ledger_timestamps_are_utc_milliseconds
{
    private sealed record Stamped(DateTimeOffset At, DateTimeOffset? Maybe);

    [Theory]
    [InlineData("2026-02-28T09:30:00.125Z")]
    [InlineData("2024-02-29T23:59:59.999Z")]
    [InlineData("0001-01-01T00:00:00.000Z")]
    [InlineData("9999-12-31T23:59:59.999Z")]
    [InlineData("1970-01-01T00:00:00.000Z")]
    public void a_ledger_timestamp_reads_and_writes_back_unchanged(string text)
    {
        LedgerTimestamp.TryParse(text, out DateTimeOffset value).ShouldBeTrue();
        LedgerTimestamp.TryParse(Encoding.ASCII.GetBytes(text), out DateTimeOffset fromUtf8).ShouldBeTrue();

        value.Offset.ShouldBe(TimeSpan.Zero);
        fromUtf8.ShouldBe(value);
        LedgerTimestamp.Format(value).ShouldBe(text);
        JsonSerializer.Serialize(value, LedgerJson.Options).ShouldBe($"\"{text}\"");
        JsonSerializer.Deserialize<DateTimeOffset>($"\"{text}\"", LedgerJson.Options).ShouldBe(value);
    }

    [Fact]
    public void the_instant_is_the_one_javascript_means()
    {
        LedgerTimestamp.TryParse("2026-02-28T09:30:00.125Z", out DateTimeOffset value).ShouldBeTrue();

        value.ShouldBe(new DateTimeOffset(2026, 2, 28, 9, 30, 0, 125, TimeSpan.Zero));
        value.ToUnixTimeMilliseconds().ShouldBe(1772271000125);
    }

    [Theory]
    [InlineData("2026-02-28T09:30:00.125+00:00", "an offset instead of Z")]
    [InlineData("2026-02-28T09:30:00.1250000Z", "seven fraction digits")]
    [InlineData("2026-02-28T09:30:00.12Z", "two fraction digits")]
    [InlineData("2026-02-28T09:30:00Z", "no milliseconds")]
    [InlineData("2026-02-28T09:30:00.125z", "lowercase z")]
    [InlineData("2026-02-28t09:30:00.125Z", "lowercase t")]
    [InlineData("2026-02-28 09:30:00.125Z", "a space for T")]
    [InlineData("2026-02-28T09:30:00.125", "no zone")]
    [InlineData("2026-02-28T09:30:00,125Z", "a comma for the point")]
    [InlineData("2026-02-30T00:00:00.000Z", "February 30th")]
    [InlineData("2025-02-29T00:00:00.000Z", "February 29th of a common year")]
    [InlineData("2026-04-31T00:00:00.000Z", "April 31st")]
    [InlineData("2026-13-01T00:00:00.000Z", "month 13")]
    [InlineData("2026-00-01T00:00:00.000Z", "month 0")]
    [InlineData("2026-01-00T00:00:00.000Z", "day 0")]
    [InlineData("0000-01-01T00:00:00.000Z", "year 0")]
    [InlineData("2026-01-01T24:00:00.000Z", "hour 24")]
    [InlineData("2026-01-01T00:60:00.000Z", "minute 60")]
    [InlineData("2016-12-31T23:59:60.000Z", "a leap second")]
    [InlineData("+002026-01-01T00:00:00.000Z", "an expanded year")]
    [InlineData("2026-1-01T00:00:00.000Z", "a one-digit month")]
    [InlineData("２026-01-01T00:00:00.000Z", "a full-width digit")]
    [InlineData(" 2026-01-01T00:00:00.000Z", "a leading space")]
    [InlineData("2026-01-01T00:0/:00.000Z", "a character just below the digits where a digit belongs")]
    [InlineData("2026-01-01T00:00:00. 00Z", "a space where a digit belongs")]
    [InlineData("", "nothing")]
    public void any_other_spelling_is_refused(string text, string reason)
    {
        LedgerTimestamp.TryParse(text, out _).ShouldBeFalse(reason);
        LedgerTimestamp.TryParse(Encoding.UTF8.GetBytes(text), out _).ShouldBeFalse(reason);
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<DateTimeOffset>(JsonSerializer.Serialize(text), LedgerJson.Options), reason);
    }

    [Theory]
    [InlineData("1772271000125")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("""{"at":"2026-02-28T09:30:00.125Z"}""")]
    public void a_timestamp_must_be_a_json_string(string json)
    {
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<DateTimeOffset>(json, LedgerJson.Options));
    }

    [Fact]
    public void an_escaped_timestamp_reads_as_the_text_it_spells()
    {
        JsonSerializer.Deserialize<DateTimeOffset>("\"\\u0032026-02-28T09:30:00.125\\u005a\"", LedgerJson.Options)
            .ShouldBe(new DateTimeOffset(2026, 2, 28, 9, 30, 0, 125, TimeSpan.Zero));
    }

    [Fact]
    public void writing_converts_to_utc()
    {
        var local = new DateTimeOffset(2026, 3, 1, 1, 15, 0, 250, TimeSpan.FromHours(2));

        LedgerTimestamp.Format(local).ShouldBe("2026-02-28T23:15:00.250Z");
    }

    [Fact]
    public void a_sub_millisecond_instant_is_never_written()
    {
        var precise = new DateTimeOffset(2026, 2, 28, 9, 30, 0, 125, TimeSpan.Zero).AddTicks(1);

        Should.Throw<ArgumentException>(() => LedgerTimestamp.Format(precise));
        Should.Throw<ArgumentException>(() => JsonSerializer.Serialize(precise, LedgerJson.Options));
        LedgerTimestamp.Format(LedgerTimestamp.Truncate(precise)).ShouldBe("2026-02-28T09:30:00.125Z");
    }

    [Fact]
    public void truncation_keeps_the_instant_to_the_millisecond_in_utc()
    {
        var value = new DateTimeOffset(2026, 2, 28, 11, 30, 0, 125, 999, TimeSpan.FromHours(2)).AddTicks(9);

        DateTimeOffset truncated = LedgerTimestamp.Truncate(value);

        truncated.Offset.ShouldBe(TimeSpan.Zero);
        truncated.ShouldBe(new DateTimeOffset(2026, 2, 28, 9, 30, 0, 125, TimeSpan.Zero));
        LedgerTimestamp.Truncate(truncated).ShouldBe(truncated);
    }

    [Fact]
    public void every_truncated_instant_round_trips()
    {
        Check.Sample(Gen.DateTimeOffset, value =>
        {
            DateTimeOffset truncated = LedgerTimestamp.Truncate(value);
            string text = LedgerTimestamp.Format(truncated);

            text.Length.ShouldBe(LedgerTimestamp.Length);
            LedgerTimestamp.TryParse(text, out DateTimeOffset parsed).ShouldBeTrue(text);
            parsed.ShouldBe(truncated);
            parsed.UtcTicks.ShouldBe(truncated.UtcTicks);
            (value.UtcTicks - truncated.UtcTicks).ShouldBeInRange(0, TimeSpan.TicksPerMillisecond - 1);
        }, iter: 2_000);
    }

    [Fact]
    public void records_use_the_converter_for_plain_and_nullable_timestamps()
    {
        var at = new DateTimeOffset(2026, 2, 28, 9, 30, 0, 125, TimeSpan.Zero);

        JsonSerializer.Serialize(new Stamped(at, at), LedgerJson.Options)
            .ShouldBe("""{"at":"2026-02-28T09:30:00.125Z","maybe":"2026-02-28T09:30:00.125Z"}""");
        JsonSerializer.Deserialize<Stamped>("""{"at":"2026-02-28T09:30:00.125Z","maybe":"2026-02-28T09:30:00.125Z"}""", LedgerJson.Options)
            .ShouldBe(new Stamped(at, at));
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<Stamped>("""{"at":"2026-02-28T09:30:00.125Z","maybe":"2026-02-28T09:30:00.125+00:00"}""", LedgerJson.Options));
    }
}
