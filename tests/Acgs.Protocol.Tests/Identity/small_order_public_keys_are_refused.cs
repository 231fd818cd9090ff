using System.Numerics;
using Acgs.Ledger.Identity;
using CsCheck;
using NSec.Cryptography;

namespace Acgs.Protocol.Tests.Identity;

public class small_order_public_keys_are_refused
{
    // The eight points of small order (orders 1, 2, 4 and 8) as libsodium lists them, each with
    // the sign bit clear and set, plus the non-canonical y = p (≡ 0) and y = p + 1 (≡ 1).
    public static TheoryData<string> SmallOrderEncodings => new(
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");

    [Theory]
    [MemberData(nameof(SmallOrderEncodings))]
    public void on_import(string hex)
    {
        VerificationKey.TryImport(Convert.FromHexString(hex), out var key, out var rejection).ShouldBeFalse();

        key.ShouldBeNull();
        rejection.ShouldBe(PublicKeyRejection.SmallOrder);
    }

    [Theory]
    [MemberData(nameof(SmallOrderEncodings))]
    public void on_parse_from_base64(string hex)
    {
        VerificationKey.TryParse(Convert.ToBase64String(Convert.FromHexString(hex)), out _, out var rejection)
            .ShouldBeFalse();

        rejection.ShouldBe(PublicKeyRejection.SmallOrder);
    }

    // Why the check is ours: NSec takes any 32 bytes as a raw public key, and only libsodium's
    // verification refuses them later, which would let a weak key be registered and given a key id.
    [Theory]
    [MemberData(nameof(SmallOrderEncodings))]
    public void although_nsec_imports_them_and_only_verification_fails(string hex)
    {
        var imported = NSec.Cryptography.PublicKey.TryImport(
            SignatureAlgorithm.Ed25519, Convert.FromHexString(hex), KeyBlobFormat.RawPublicKey, out var nsecKey);

        imported.ShouldBeTrue();
        SignatureAlgorithm.Ed25519.Verify(nsecKey!, "any"u8, new byte[64]).ShouldBeFalse();
    }

    [Fact]
    public void as_are_non_canonical_encodings_of_other_points()
    {
        // y = p + 3 (≡ 3, a point on the curve whose canonical encoding is accepted).
        var nonCanonical = Convert.FromHexString("f0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        var canonical = Convert.FromHexString("0300000000000000000000000000000000000000000000000000000000000000");

        VerificationKey.TryImport(nonCanonical, out _, out var rejection).ShouldBeFalse();
        rejection.ShouldBe(PublicKeyRejection.NonCanonical);
        VerificationKey.TryImport(canonical, out _, out _).ShouldBeTrue();
    }

    [Fact]
    public void as_are_encodings_of_no_point_at_all()
    {
        // x² = (y² − 1) / (d·y² + 1) has no square root for y = 2.
        var offCurve = Convert.FromHexString("0200000000000000000000000000000000000000000000000000000000000000");

        VerificationKey.TryImport(offCurve, out _, out var rejection).ShouldBeFalse();
        rejection.ShouldBe(PublicKeyRejection.NotOnCurve);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void as_are_keys_of_the_wrong_length(int length)
    {
        VerificationKey.TryImport(new byte[length], out _, out var rejection).ShouldBeFalse();
        rejection.ShouldBe(PublicKeyRejection.WrongLength);
    }

    [Fact]
    public void while_every_generated_key_is_accepted()
    {
        Gen.Byte.Array[SigningKey.SeedSize].Sample(seed =>
        {
            using var key = SigningKey.FromSeed(seed);
            VerificationKey.TryImport(key.PublicKey.RawBytes, out var imported, out _).ShouldBeTrue();
            imported.ShouldBe(key.PublicKey);
        }, iter: 200);
    }

    [Fact]
    public void and_the_curve_check_agrees_with_the_curve_equation()
    {
        // A point (x, y) with −x² + y² = 1 + d·x²·y² built from a chosen x must be accepted
        // whatever the chosen x, once its y is encoded: a cross-check of the decoding arithmetic.
        var p = BigInteger.Pow(2, 255) - 19;
        var d = Mod(-121665 * BigInteger.ModPow(121666, p - 2, p), p);
        Gen.Byte.Array[32].Sample(bytes =>
        {
            var x = Mod(new BigInteger(bytes, isUnsigned: true), p);
            var x2 = x * x % p;
            // y² = (1 + x²) / (1 − d·x²)
            var y2 = Mod((1 + x2) * BigInteger.ModPow(Mod(1 - d * x2, p), p - 2, p), p);
            if (!BigInteger.ModPow(y2, (p - 1) / 2, p).IsOne)
            {
                return;
            }

            var y = SquareRoot(y2, p);
            var encoded = new byte[32];
            y.TryWriteBytes(encoded, out _, isUnsigned: true);
            VerificationKey.TryImport(encoded, out _, out var rejection);
            rejection.ShouldBeOneOf(PublicKeyRejection.None, PublicKeyRejection.SmallOrder);
        }, iter: 100);
    }

    // p ≡ 5 (mod 8): RFC 8032 §5.1.3's square root.
    private static BigInteger SquareRoot(BigInteger square, BigInteger p)
    {
        var root = BigInteger.ModPow(square, (p + 3) / 8, p);
        if (root * root % p != square)
        {
            root = root * BigInteger.ModPow(2, (p - 1) / 4, p) % p;
        }

        return root;
    }

    private static BigInteger Mod(BigInteger value, BigInteger p)
    {
        var remainder = value % p;
        return remainder.Sign < 0 ? remainder + p : remainder;
    }
}
