using System.Diagnostics;
using System.Globalization;

namespace Acgs.Ledger.Integrity;

/// <summary>
/// RFC 8785 §3.2.2.3 number serialisation: ECMAScript's Number::toString (ECMA-262 §6.1.6.1.20)
/// applied to an IEEE 754 double. Proven against RFC 8785 Appendix B and a regenerated prefix of
/// the reference implementation's 100-million-line test file.
/// </summary>
internal static class EcmaScriptNumber
{
    /// <summary>Longest possible output: "-0.0000012345678901234567" is 25 bytes.</summary>
    public const int MaxLength = 32;

    // Exponents where ECMAScript switches between integer, fixed and exponential notation.
    private const int MaxFixedExponent = 21;
    private const int MinFixedExponent = -6;

    /// <summary>Writes the ASCII form of <paramref name="value"/>; returns the number of bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN or an infinity (RFC 8785 requires an error).</exception>
    public static int Format(double value, Span<byte> destination)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "NaN and infinities have no JSON form (RFC 8785 §3.2.2.3).");
        }

        if (value == 0)
        {
            // Covers -0 as well: ECMAScript prints both zeros as "0".
            destination[0] = (byte)'0';
            return 1;
        }

        // .NET's default double format is the shortest string that round-trips, with ties between two
        // equally short candidates broken towards the closer one and then the even digit: exactly the
        // digit string (s, k) that ECMA-262 asks for. Only the layout differs, so rebuild it from the
        // digits and the decimal exponent.
        Span<byte> shortest = stackalloc byte[MaxLength];
        bool formatted = Math.Abs(value).TryFormat(shortest, out int shortestLength, default, CultureInfo.InvariantCulture);
        Debug.Assert(formatted, "a double's shortest form fits in 32 bytes");

        Span<byte> digits = stackalloc byte[MaxLength];
        int digitCount = 0;
        int leadingZeros = 0;
        int digitsBeforePoint = -1;
        int exponent = 0;
        for (int i = 0; i < shortestLength; i++)
        {
            byte c = shortest[i];
            if (c == (byte)'.')
            {
                digitsBeforePoint = leadingZeros + digitCount;
            }
            else if (c == (byte)'E')
            {
                exponent = int.Parse(shortest[(i + 1)..shortestLength], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }
            else if (c == (byte)'0' && digitCount == 0)
            {
                leadingZeros++;
            }
            else
            {
                digits[digitCount++] = c;
            }
        }

        if (digitsBeforePoint < 0)
        {
            digitsBeforePoint = leadingZeros + digitCount;
        }

        while (digits[digitCount - 1] == (byte)'0')
        {
            digitCount--;
        }

        // ECMA-262's n: the value is 0.d1d2…dk × 10^n.
        int n = digitsBeforePoint - leadingZeros + exponent;
        return Layout(value < 0, digits[..digitCount], n, destination);
    }

    private static int Layout(bool negative, ReadOnlySpan<byte> digits, int n, Span<byte> destination)
    {
        int k = digits.Length;
        int position = 0;
        if (negative)
        {
            destination[position++] = (byte)'-';
        }

        if (k <= n && n <= MaxFixedExponent)
        {
            digits.CopyTo(destination[position..]);
            position += k;
            destination.Slice(position, n - k).Fill((byte)'0');
            return position + n - k;
        }

        if (0 < n && n <= MaxFixedExponent)
        {
            digits[..n].CopyTo(destination[position..]);
            position += n;
            destination[position++] = (byte)'.';
            digits[n..].CopyTo(destination[position..]);
            return position + k - n;
        }

        if (MinFixedExponent < n && n <= 0)
        {
            destination[position++] = (byte)'0';
            destination[position++] = (byte)'.';
            destination.Slice(position, -n).Fill((byte)'0');
            position += -n;
            digits.CopyTo(destination[position..]);
            return position + k;
        }

        destination[position++] = digits[0];
        if (k > 1)
        {
            destination[position++] = (byte)'.';
            digits[1..].CopyTo(destination[position..]);
            position += k - 1;
        }

        destination[position++] = (byte)'e';
        int decimalExponent = n - 1;
        destination[position++] = decimalExponent < 0 ? (byte)'-' : (byte)'+';
        bool written = Math.Abs(decimalExponent).TryFormat(destination[position..], out int exponentLength, default, CultureInfo.InvariantCulture);
        Debug.Assert(written, "a three-digit exponent fits");
        return position + exponentLength;
    }
}
