using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Acgs.Ledger.Identity;

// The files `acgs keygen --out NAME` writes, one JSON object on one line each:
//   NAME.key  {"algorithm":"ed25519","keyId":"…","seed":"<base64 of the 32-byte RFC 8032 seed>"}
//   NAME.pub  {"algorithm":"ed25519","keyId":"…","publicKey":"<base64 of the 32-byte public key>"}
// The key id is repeated in both so that a mismatched pair, or a damaged file, is caught on reading.
public static class KeyFiles
{
    public const string PrivateKeyExtension = ".key";
    public const string PublicKeyExtension = ".pub";

    private const string Algorithm = "ed25519";
    private const string AlgorithmMember = "algorithm";
    private const string KeyIdMember = "keyId";
    private const string SeedMember = "seed";
    private const string PublicKeyMember = "publicKey";

    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOtherAccess =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    // Refuses to replace either file. The private file is created by open(2) with O_CREAT|O_EXCL
    // and mode 0600 in the same call, so it never exists with wider permissions, not even briefly,
    // and a symbolic link planted at its path is not followed.
    public static KeyFilePair Create(string name, SigningKey key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(key);

        var privatePath = Path.GetFullPath(name + PrivateKeyExtension);
        var publicPath = Path.GetFullPath(name + PublicKeyExtension);
        foreach (var path in new[] { privatePath, publicPath })
        {
            if (Path.Exists(path))
            {
                throw new IOException($"{path} already exists; key files are never overwritten.");
            }
        }

        WritePrivateKeyFile(privatePath, key);
        try
        {
            WritePublicKeyFile(publicPath, key.PublicKey);
        }
        catch
        {
            File.Delete(privatePath);
            throw;
        }

        return new KeyFilePair(privatePath, publicPath, key.PublicKey);
    }

    public static SigningKey ReadSigningKey(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOtherAccess) != 0)
        {
            throw new InvalidDataException($"{path} is accessible to other users; a private key file must be mode 0600.");
        }

        var content = File.ReadAllBytes(path);
        byte[]? seed = null;
        try
        {
            var (keyId, secret) = ReadKeyFile(content, SeedMember, path);
            seed = secret;
            if (seed.Length != SigningKey.SeedSize)
            {
                throw new InvalidDataException($"{path}: the seed is not {SigningKey.SeedSize} bytes.");
            }

            var key = SigningKey.FromSeed(seed);
            if (key.KeyId != keyId)
            {
                key.Dispose();
                throw new InvalidDataException($"{path}: the key id does not match the seed.");
            }

            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
            if (seed is not null)
            {
                CryptographicOperations.ZeroMemory(seed);
            }
        }
    }

    public static VerificationKey ReadVerificationKey(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var (keyId, rawKey) = ReadKeyFile(File.ReadAllBytes(path), PublicKeyMember, path);
        if (!VerificationKey.TryImport(rawKey, out var key, out var rejection))
        {
            throw new InvalidDataException($"{path}: not an acceptable Ed25519 public key ({rejection}).");
        }

        return key.KeyId == keyId
            ? key
            : throw new InvalidDataException($"{path}: the key id does not match the public key.");
    }

    private static void WritePrivateKeyFile(string path, SigningKey key)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        // Built in one stack buffer (not a string) so that every copy of the seed can be wiped.
        var prefix = Encoding.UTF8.GetBytes($"{{\"{AlgorithmMember}\":\"{Algorithm}\",\"{KeyIdMember}\":\"{key.KeyId}\",\"{SeedMember}\":\"");
        var suffix = "\"}\n"u8;
        var encodedSeedLength = Base64.GetMaxEncodedToUtf8Length(SigningKey.SeedSize);
        Span<byte> seed = stackalloc byte[SigningKey.SeedSize];
        Span<byte> content = stackalloc byte[checked(prefix.Length + encodedSeedLength + suffix.Length)];
        try
        {
            key.ExportSeed(seed);
            prefix.CopyTo(content);
            Base64.EncodeToUtf8(seed, content[prefix.Length..], out _, out var written);
            suffix.CopyTo(content[checked(prefix.Length + written)..]);
            using var stream = new FileStream(path, options);
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            CryptographicOperations.ZeroMemory(content);
        }
    }

    private static void WritePublicKeyFile(string path, VerificationKey key)
    {
        var content = Encoding.UTF8.GetBytes(
            $"{{\"{AlgorithmMember}\":\"{Algorithm}\",\"{KeyIdMember}\":\"{key.KeyId}\",\"{PublicKeyMember}\":\"{key.ToBase64()}\"}}\n");
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    // Exactly the three members, each once; the key material is decoded straight from the file's
    // bytes so that no string holds it, and wiped if the file is refused after all.
    private static (KeyId KeyId, byte[] KeyBytes) ReadKeyFile(ReadOnlySpan<byte> content, string keyMember, string path)
    {
        string? algorithm = null;
        KeyId? keyId = null;
        byte[]? keyBytes = null;
        try
        {
            var reader = new Utf8JsonReader(content);
            Require(reader.Read() && reader.TokenType == JsonTokenType.StartObject, path);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var member = reader.GetString();
                Require(reader.Read() && reader.TokenType == JsonTokenType.String, path);
                if (member == AlgorithmMember && algorithm is null)
                {
                    algorithm = reader.GetString();
                }
                else if (member == KeyIdMember && keyId is null)
                {
                    Require(KeyId.TryParse(reader.GetString(), out var parsed), path);
                    keyId = parsed;
                }
                else
                {
                    Require(member == keyMember && keyBytes is null && reader.TryGetBytesFromBase64(out keyBytes), path);
                }
            }

            Require(reader.TokenType == JsonTokenType.EndObject && !reader.Read(), path);
            Require(algorithm == Algorithm && keyId is not null && keyBytes is not null, path);
            return (keyId!.Value, keyBytes!);
        }
        catch (Exception exception) when (exception is JsonException or InvalidDataException)
        {
            if (keyBytes is not null)
            {
                CryptographicOperations.ZeroMemory(keyBytes);
            }

            throw exception as InvalidDataException ?? new InvalidDataException($"{path} is not an ACGS key file.", exception);
        }
    }

    private static void Require(bool condition, string path)
    {
        if (!condition)
        {
            throw new InvalidDataException($"{path} is not an ACGS key file.");
        }
    }
}

public sealed record KeyFilePair(string PrivateKeyPath, string PublicKeyPath, VerificationKey PublicKey);
