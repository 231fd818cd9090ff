using System.Text.Json;
using System.Text.Json.Serialization;

namespace Acgs.Ledger.Integrity.Merkle;

public sealed class MerkleHashJsonConverter : JsonConverter<MerkleHash>
{
    public override MerkleHash Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A Merkle tree hash is a JSON string.");
        }

        return MerkleHash.TryParseHex(reader.GetString(), out var hash)
            ? hash
            : throw new JsonException($"A Merkle tree hash is {2 * MerkleHash.Size} lowercase hexadecimal characters.");
    }

    public override void Write(Utf8JsonWriter writer, MerkleHash value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToHex());
    }
}
