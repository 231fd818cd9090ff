using System.Text.Json;
using System.Text.Json.Serialization;
using Acgs.Ledger.Integrity;

namespace Acgs.Ledger.Reads;

// One event as the log serves it: its place in the log, the audit columns the sealer wrote, and the
// stored seal and payload as they are in mt_events. Seal and Payload are null only when the event's
// row is gone from mt_events: the log still lists it, so the gap shows instead of being skipped.
[JsonConverter(typeof(SealedLogEventConverter))]
public sealed record SealedLogEvent(long LeafIndex, string EventHash, Guid StreamId, long Version, string Type, Guid ActorId,
    DateTimeOffset RecordedAt, string? Seal, string? Payload)
{
    // Characters of stored JSON this event holds: what a page counts against its size budget.
    public long StoredLength => (Seal?.Length ?? 0) + (Payload?.Length ?? 0);
}

// Writes the seal and payload as the JSON they are, without parsing them into a document and writing
// them out again (the writer still checks that each is one well-formed value).
public sealed class SealedLogEventConverter : JsonConverter<SealedLogEvent>
{
    public override SealedLogEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("sealed events are read from the log's tables, never from JSON");

    public override void Write(Utf8JsonWriter writer, SealedLogEvent value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteNumber("leafIndex", value.LeafIndex);
        writer.WriteString("eventHash", value.EventHash);
        writer.WriteString("streamId", value.StreamId);
        writer.WriteNumber("version", value.Version);
        writer.WriteString("type", value.Type);
        writer.WriteString("actorId", value.ActorId);
        writer.WriteString("recordedAt", LedgerTimestamp.Format(value.RecordedAt));
        WriteRaw(writer, "seal", value.Seal);
        WriteRaw(writer, "payload", value.Payload);
        writer.WriteEndObject();
    }

    private static void WriteRaw(Utf8JsonWriter writer, string name, string? json)
    {
        writer.WritePropertyName(name);
        if (json is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(json);
        }
    }
}
