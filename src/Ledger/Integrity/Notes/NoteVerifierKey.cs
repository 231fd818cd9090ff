using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Acgs.Ledger.Integrity.Notes;

// C2SP signed-note verifier key, Ed25519 (RFC 8032, signature type 0x01):
//   <name>+<8 lowercase hex key ID>+base64(0x01 ‖ 32-byte public key)
//   key ID = SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4] read big-endian; signatures are 64 bytes.
// The base64 part may itself hold '+', so the string is split on its first two '+' only.
public sealed class NoteVerifierKey
{
    internal const byte Ed25519Type = 0x01;
    private const int Ed25519PublicKeySize = 32;

    private readonly string encoded;

    private NoteVerifierKey(string name, uint keyId, PublicKey publicKey)
    {
        Name = name;
        KeyId = keyId;
        PublicKey = publicKey;
        var typedKey = new byte[1 + publicKey.Size];
        typedKey[0] = Ed25519Type;
        publicKey.Export(KeyBlobFormat.RawPublicKey).CopyTo(typedKey, 1);
        encoded = $"{name}+{keyId:x8}+{Convert.ToBase64String(typedKey)}";
    }

    public string Name { get; }

    public uint KeyId { get; }

    public PublicKey PublicKey { get; }

    public static NoteVerifierKey Create(string name, PublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(publicKey);
        if (!NoteFormat.IsValidKeyName(name))
        {
            throw new ArgumentException("A key name is non-empty, without spaces, plus signs or control characters.", nameof(name));
        }

        if (publicKey.Algorithm is not Ed25519)
        {
            throw new ArgumentException("Only Ed25519 note keys are supported.", nameof(publicKey));
        }

        return new NoteVerifierKey(name, ComputeKeyId(name, publicKey.Export(KeyBlobFormat.RawPublicKey)), publicKey);
    }

    public static NoteVerifierKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var key, out var error) ? key : throw new FormatException(error);
    }

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out NoteVerifierKey? key) =>
        TryParse(text, out key, out _);

    public static uint ComputeKeyId(string name, ReadOnlySpan<byte> ed25519PublicKey)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (ed25519PublicKey.Length != Ed25519PublicKeySize)
        {
            throw new ArgumentException($"An Ed25519 public key is {Ed25519PublicKeySize} bytes.", nameof(ed25519PublicKey));
        }

        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[nameBytes.Length + 2 + ed25519PublicKey.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = (byte)'\n';
        input[nameBytes.Length + 1] = Ed25519Type;
        ed25519PublicKey.CopyTo(input.AsSpan(nameBytes.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    public override string ToString() => encoded;

    internal bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature) =>
        SignatureAlgorithm.Ed25519.Verify(PublicKey, text, signature);

    private static bool TryParse(
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out NoteVerifierKey? key,
        [NotNullWhen(false)] out string? error)
    {
        key = null;
        var nameEnd = text is null ? -1 : text.IndexOf('+', StringComparison.Ordinal);
        var keyIdEnd = text is null || nameEnd < 0 ? -1 : text.IndexOf('+', nameEnd + 1);
        if (text is null || keyIdEnd < 0)
        {
            error = "A verifier key has the form <name>+<key ID>+<base64 key>.";
            return false;
        }

        var name = text[..nameEnd];
        if (!NoteFormat.IsValidKeyName(name))
        {
            error = "The verifier key's name is empty or holds spaces, plus signs or control characters.";
            return false;
        }

        if (!NoteFormat.TryParseKeyId(text[(nameEnd + 1)..keyIdEnd], out var keyId))
        {
            error = "The verifier key's key ID is not 8 lowercase hexadecimal digits.";
            return false;
        }

        if (!NoteFormat.TryDecodeBase64(text[(keyIdEnd + 1)..], out var typedKey))
        {
            error = "The verifier key's key material is not canonical base64.";
            return false;
        }

        if (typedKey.Length == 0 || typedKey[0] != Ed25519Type)
        {
            error = "The verifier key is not an Ed25519 key (signature type 0x01).";
            return false;
        }

        if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, typedKey.AsSpan(1), KeyBlobFormat.RawPublicKey, out var publicKey)
            || publicKey is null)
        {
            error = "The verifier key does not hold a 32-byte Ed25519 public key.";
            return false;
        }

        if (ComputeKeyId(name, typedKey.AsSpan(1)) != keyId)
        {
            error = "The verifier key's key ID does not match its name and public key.";
            return false;
        }

        key = new NoteVerifierKey(name, keyId, publicKey);
        error = null;
        return true;
    }
}
