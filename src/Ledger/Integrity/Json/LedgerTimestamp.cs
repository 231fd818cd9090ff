using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Acgs.Ledger.Integrity;

/// <summary>
/// The ledger's one timestamp format (DESIGN §4.1): <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>, UTC, exactly three
/// fraction digits, a real instant — what JavaScript's <c>toISOString()</c> writes. System.Text.Json's
/// default (<c>+00:00</c>, seven fraction digits) would not survive a client's round trip, so every
/// timestamp is read and written here, and only whole milliseconds exist.
/// </summary>
public static class LedgerTimestamp
{
    /// <summary>Characters in every ledger timestamp.</summary>
    public const int Length = 24;

    private const string Pattern = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";

    /// <summary>
    /// The instant in UTC, cut down to whole milliseconds. The server truncates its clock with this
    /// before sealing: a sub-millisecond instant has no ledger form.
    /// </summary>
    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        long ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>Formats the instant in UTC, e.g. <c>2026-02-28T09:30:00.125Z</c>.</summary>
    /// <exception cref="ArgumentException">The instant is not a whole millisecond; see <see cref="Truncate"/>.</exception>
    public static string Format(DateTimeOffset value)
    {
        Span<byte> text = stackalloc byte[Length];
        FormatUtf8(value, text);
        return Encoding.ASCII.GetString(text);
    }

    /// <summary>Reads a ledger timestamp; false for any other spelling or an instant that does not exist.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value) => TryParseCore(text, out value);

    /// <inheritdoc cref="TryParse(ReadOnlySpan{char}, out DateTimeOffset)"/>
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, out DateTimeOffset value) => TryParseCore(utf8Text, out value);

    internal static void FormatUtf8(DateTimeOffset value, Span<byte> destination)
    {
        if (value.UtcTicks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException(
                $"{value:O} is not a whole millisecond; truncate it with {nameof(LedgerTimestamp)}.{nameof(Truncate)} before it is recorded.",
                nameof(value));
        }

        bool formatted = value.UtcDateTime.TryFormat(destination, out int written, Pattern, CultureInfo.InvariantCulture);
        Debug.Assert(formatted && written == Length, "years 1 to 9999 always take 24 characters");
    }

    private static bool TryParseCore<TChar>(ReadOnlySpan<TChar> text, out DateTimeOffset value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        value = default;
        if (text.Length != Length
            || !Is(text[4], '-') || !Is(text[7], '-') || !Is(text[10], 'T')
            || !Is(text[13], ':') || !Is(text[16], ':') || !Is(text[19], '.') || !Is(text[23], 'Z')
            || !TryDigits(text.Slice(0, 4), out int year)
            || !TryDigits(text.Slice(5, 2), out int month)
            || !TryDigits(text.Slice(8, 2), out int day)
            || !TryDigits(text.Slice(11, 2), out int hour)
            || !TryDigits(text.Slice(14, 2), out int minute)
            || !TryDigits(text.Slice(17, 2), out int second)
            || !TryDigits(text.Slice(20, 3), out int millisecond))
        {
            return false;
        }

        // Second 60 is refused: ECMAScript and .NET time have no leap seconds.
        bool realInstant = year >= 1
            && month is >= 1 and <= 12
            && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            && hour <= 23 && minute <= 59 && second <= 59;
        if (!realInstant)
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero);
        return true;
    }

    private static bool Is<TChar>(TChar c, char expected)
        where TChar : unmanaged, IBinaryInteger<TChar> =>
        int.CreateTruncating(c) == expected;

    private static bool TryDigits<TChar>(ReadOnlySpan<TChar> text, out int value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        value = 0;
        foreach (TChar c in text)
        {
            int digit = int.CreateTruncating(c) - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
