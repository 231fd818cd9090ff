using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace Acgs.Ledger.Integrity.Notes;

// C2SP signed-note signer, Ed25519 (RFC 8032, signature type 0x01): 32-byte seed, 64-byte signatures.
// Built from an NSec key (the ledger key), or from a golang.org/x/mod signer key string
//   PRIVATE+KEY+<name>+<8 lowercase hex key ID>+base64(0x01 ‖ 32-byte seed)
// whose key ID must match the public key derived from the seed.
public sealed class NoteSigner : IDisposable
{
    private const string SignerKeyPrefix = "PRIVATE+KEY+";

    private readonly Key key;
    private readonly bool ownsKey;

    // The caller keeps ownership of key.
    public NoteSigner(string name, Key key)
        : this(name, key, ownsKey: false)
    {
    }

    private NoteSigner(string name, Key key, bool ownsKey)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Algorithm is not Ed25519)
        {
            throw new ArgumentException("Only Ed25519 note keys are supported.", nameof(key));
        }

        VerifierKey = NoteVerifierKey.Create(name, key.PublicKey);
        this.key = key;
        this.ownsKey = ownsKey;
    }

    public string Name => VerifierKey.Name;

    public uint KeyId => VerifierKey.KeyId;

    public NoteVerifierKey VerifierKey { get; }

    public static NoteSigner Parse(string signerKey)
    {
        ArgumentNullException.ThrowIfNull(signerKey);
        return TryParse(signerKey, out var signer)
            ? signer
            : throw new FormatException("A signer key has the form PRIVATE+KEY+<name>+<key ID>+<base64 seed>, with a key ID that matches.");
    }

    public static bool TryParse([NotNullWhen(true)] string? signerKey, [NotNullWhen(true)] out NoteSigner? signer)
    {
        signer = null;
        if (signerKey is null || !signerKey.StartsWith(SignerKeyPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = signerKey[SignerKeyPrefix.Length..];
        var nameEnd = rest.IndexOf('+', StringComparison.Ordinal);
        var keyIdEnd = nameEnd < 0 ? -1 : rest.IndexOf('+', nameEnd + 1);
        if (keyIdEnd < 0)
        {
            return false;
        }

        var name = rest[..nameEnd];
        if (!NoteFormat.IsValidKeyName(name)
            || !NoteFormat.TryParseKeyId(rest[(nameEnd + 1)..keyIdEnd], out var keyId)
            || !NoteFormat.TryDecodeBase64(rest[(keyIdEnd + 1)..], out var typedSeed))
        {
            return false;
        }

        try
        {
            if (typedSeed.Length == 0
                || typedSeed[0] != NoteVerifierKey.Ed25519Type
                || !Key.TryImport(SignatureAlgorithm.Ed25519, typedSeed.AsSpan(1), KeyBlobFormat.RawPrivateKey, out var key)
                || key is null)
            {
                return false;
            }

            var parsed = new NoteSigner(name, key, ownsKey: true);
            if (parsed.KeyId != keyId)
            {
                parsed.Dispose();
                return false;
            }

            signer = parsed;
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(typedSeed);
        }
    }

    public void Dispose()
    {
        if (ownsKey)
        {
            key.Dispose();
        }
    }

    internal NoteSignature Sign(ReadOnlySpan<byte> text) =>
        NoteSignature.Create(Name, KeyId, SignatureAlgorithm.Ed25519.Sign(key, text));
}
