using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Acgs.Ledger.Integrity;

namespace Acgs.Ledger.Identity;

// DESIGN §4.2: the first 16 lowercase hex characters (8 bytes) of SHA-256 over the raw 32-byte
// Ed25519 public key. Derived, never chosen, so a key id cannot be claimed for another key.
[JsonConverter(typeof(KeyIdJsonConverter))]
public readonly record struct KeyId
{
    public const int Length = 16;

    private KeyId(string value) => Value = value;

    public string Value { get; }

    public static KeyId Of(ReadOnlySpan<byte> rawPublicKey)
    {
        if (rawPublicKey.Length != VerificationKey.Size)
        {
            throw new ArgumentException($"An Ed25519 public key is {VerificationKey.Size} bytes.", nameof(rawPublicKey));
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(rawPublicKey, digest);
        return new KeyId(WireEncoding.ToHex(digest[..(Length / 2)]));
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out KeyId keyId)
    {
        keyId = WireEncoding.IsLowercaseHex(text, Length / 2) ? new KeyId(text) : default;
        return keyId.Value is not null;
    }

    public override string ToString() => Value ?? string.Empty;
}

internal sealed class KeyIdJsonConverter : JsonConverter<KeyId>
{
    public override KeyId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && KeyId.TryParse(reader.GetString(), out var keyId)
            ? keyId
            : throw new JsonException($"A key id is a string of {KeyId.Length} lowercase hex characters.");

    public override void Write(Utf8JsonWriter writer, KeyId value, JsonSerializerOptions options)
    {
        if (value.Value is null)
        {
            throw new JsonException("An empty key id cannot be written.");
        }

        writer.WriteStringValue(value.Value);
    }
}
