using System.Numerics;

namespace Acgs.Ledger.Identity;

// The decoding rules of RFC 8032 §5.1.3 for a 32-byte edwards25519 point (y little-endian, the top
// bit the sign of x), applied to public keys before they are accepted. Public keys are public, so
// these checks need not run in constant time.
internal static class Edwards25519Point
{
    private static readonly BigInteger FieldPrime = BigInteger.Pow(2, 255) - 19;

    // d = -121665 / 121666 (mod p), RFC 8032 §5.1.
    private static readonly BigInteger CurveConstant =
        Modulo(-121665 * BigInteger.ModPow(121666, FieldPrime - 2, FieldPrime));

    // libsodium's ge25519_has_small_order list (crypto_core/ed25519/ref10/ed25519_ref10.c): the
    // y-coordinates of the eight points of order 1, 2, 4 and 8 (y = 0, 1, p-1 and the two order-8
    // values) and the non-canonical y = p and y = p+1. Like libsodium, the sign bit is ignored, so
    // each entry stands for two encodings: 14 in all.
    private static readonly byte[][] SmallOrderEncodings =
    [
        Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000000"),
        Convert.FromHexString("0100000000000000000000000000000000000000000000000000000000000000"),
        Convert.FromHexString("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
        Convert.FromHexString("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
        Convert.FromHexString("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        Convert.FromHexString("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        Convert.FromHexString("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    ];

    public static PublicKeyRejection Check(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != VerificationKey.Size)
        {
            return PublicKeyRejection.WrongLength;
        }

        Span<byte> y = stackalloc byte[VerificationKey.Size];
        encoded.CopyTo(y);
        y[^1] &= 0x7f;

        foreach (var smallOrder in SmallOrderEncodings)
        {
            if (y.SequenceEqual(smallOrder))
            {
                return PublicKeyRejection.SmallOrder;
            }
        }

        var yValue = new BigInteger(y, isUnsigned: true, isBigEndian: false);
        if (yValue >= FieldPrime)
        {
            return PublicKeyRejection.NonCanonical;
        }

        // x^2 = (y^2 - 1) / (d y^2 + 1) must be a square mod p (Euler's criterion). x = 0 happens
        // only for y = 1 and y = p-1, both refused above, so the sign bit needs no check here.
        var ySquared = yValue * yValue % FieldPrime;
        var numerator = Modulo(ySquared - 1);
        var denominator = Modulo(CurveConstant * ySquared + 1);
        var xSquared = numerator * BigInteger.ModPow(denominator, FieldPrime - 2, FieldPrime) % FieldPrime;
        return BigInteger.ModPow(xSquared, (FieldPrime - 1) / 2, FieldPrime).IsOne
            ? PublicKeyRejection.None
            : PublicKeyRejection.NotOnCurve;
    }

    private static BigInteger Modulo(BigInteger value)
    {
        var remainder = value % FieldPrime;
        return remainder.Sign < 0 ? remainder + FieldPrime : remainder;
    }
}
