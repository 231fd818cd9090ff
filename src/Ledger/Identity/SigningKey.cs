using System.Security.Cryptography;
using NSec.Cryptography;

namespace Acgs.Ledger.Identity;

// Ed25519 private key (RFC 8032 §5.1.5): a 32-byte seed, kept by NSec in libsodium's guarded
// memory. Signing is deterministic (RFC 8032 §5.1.6), so the same key and bytes always give the
// same 64-byte signature. Nothing here prints or logs the seed: ToString names the key id only.
public sealed class SigningKey : IDisposable
{
    public const int SeedSize = 32;

    private readonly Key key;

    private SigningKey(Key key)
    {
        this.key = key;
        PublicKey = VerificationKey.Import(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public VerificationKey PublicKey { get; }

    public KeyId KeyId => PublicKey.KeyId;

    public static SigningKey Generate()
    {
        var parameters = Exportable();
        return new SigningKey(Key.Create(SignatureAlgorithm.Ed25519, in parameters));
    }

    public static SigningKey FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedSize)
        {
            throw new ArgumentException($"An Ed25519 private seed is {SeedSize} bytes.", nameof(seed));
        }

        var parameters = Exportable();
        return new SigningKey(Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey, in parameters));
    }

    // The seed leaves NSec only for the 0600 key file `acgs keygen` writes.
    private static KeyCreationParameters Exportable() =>
        new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };

    public byte[] Sign(ReadOnlySpan<byte> data) => SignatureAlgorithm.Ed25519.Sign(key, data);

    // The same key as a C2SP note signer (checkpoints); the note signer does not own the key.
    public Integrity.Notes.NoteSigner AsNoteSigner(string name) => new(name, key);

    public void ExportSeed(Span<byte> destination)
    {
        if (destination.Length != SeedSize)
        {
            throw new ArgumentException($"An Ed25519 private seed is {SeedSize} bytes.", nameof(destination));
        }

        if (!key.TryExport(KeyBlobFormat.RawPrivateKey, destination, out var written) || written != SeedSize)
        {
            CryptographicOperations.ZeroMemory(destination);
            throw new CryptographicException("The Ed25519 seed could not be exported.");
        }
    }

    public override string ToString() => $"Ed25519 signing key {KeyId}";

    public void Dispose() => key.Dispose();
}
