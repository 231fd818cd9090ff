using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Acgs.Ledger.Integrity;
using NSec.Cryptography;

namespace Acgs.Ledger.Identity;

// Ed25519 public key (RFC 8032 §5.1.5): 32 bytes; signatures are 64 bytes (R || S).
// On the wire: padded standard base64 (RFC 4648 §4), 44 characters, the same encoding as
// signatures, so clients need one codec. NSec imports any 32 bytes as a raw public key and
// libsodium refuses small-order and non-canonical keys only when verifying; this type refuses
// them, and points off the curve, at import, so a weak key never gets registered or a key id.
public sealed class VerificationKey : IEquatable<VerificationKey>
{
    public const int Size = 32;
    public const int SignatureSize = 64;

    private readonly byte[] rawKey;
    private readonly PublicKey nsecKey;

    private VerificationKey(byte[] rawKey)
    {
        this.rawKey = rawKey;
        nsecKey = PublicKey.Import(SignatureAlgorithm.Ed25519, rawKey, KeyBlobFormat.RawPublicKey);
        KeyId = KeyId.Of(rawKey);
    }

    public KeyId KeyId { get; }

    public ReadOnlySpan<byte> RawBytes => rawKey;

    public static bool TryImport(
        ReadOnlySpan<byte> rawKey,
        [NotNullWhen(true)] out VerificationKey? key,
        out PublicKeyRejection rejection)
    {
        rejection = Edwards25519Point.Check(rawKey);
        key = rejection == PublicKeyRejection.None ? new VerificationKey(rawKey.ToArray()) : null;
        return key is not null;
    }

    public static bool TryParse(
        string? base64,
        [NotNullWhen(true)] out VerificationKey? key,
        out PublicKeyRejection rejection)
    {
        if (!WireEncoding.TryFromBase64(base64, Size, out var rawKey))
        {
            key = null;
            rejection = PublicKeyRejection.NotBase64;
            return false;
        }

        return TryImport(rawKey, out key, out rejection);
    }

    public static VerificationKey Import(ReadOnlySpan<byte> rawKey) =>
        TryImport(rawKey, out var key, out var rejection)
            ? key
            : throw new ArgumentException($"Not an acceptable Ed25519 public key: {rejection}.", nameof(rawKey));

    public static VerificationKey Parse(string base64) =>
        TryParse(base64, out var key, out var rejection)
            ? key
            : throw new FormatException($"Not an acceptable Ed25519 public key: {rejection}.");

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureSize && SignatureAlgorithm.Ed25519.Verify(nsecKey, data, signature);

    public bool Verify(ReadOnlySpan<byte> data, string? signatureBase64) =>
        WireEncoding.TryFromBase64(signatureBase64, SignatureSize, out var signature) && Verify(data, signature);

    public string ToBase64() => WireEncoding.ToBase64(rawKey);

    public bool Equals(VerificationKey? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(rawKey, other.rawKey);

    public override bool Equals(object? obj) => Equals(obj as VerificationKey);

    public override int GetHashCode() => BitConverter.ToInt32(rawKey);

    public override string ToString() => ToBase64();
}
