using System.Text.Json;
using Acgs.Ledger.Integrity;
using Npgsql;

namespace Acgs.Ledger.Sealing;

// One stored event as its row says, with its parsed seal: what a decision that depends on sealed
// facts (a vote's recordedAt, an event's hash) reads instead of a projection.
public sealed record SealedRow(long Sequence, long Version, string Type, string Data, EventSeal Seal)
{
    public T Read<T>() => JsonSerializer.Deserialize<T>(Data, LedgerJson.Options)
        ?? throw new InvalidDataException($"event {Type} at sequence {Sequence} has no data");
}

public static class SealedStream
{
    // Bounded by what one stream may hold for the decisions that read it (an amendment's votes are
    // bounded by its frozen voters); archived rows are included, as the verifier reads them.
    public static async Task<IReadOnlyList<SealedRow>> ReadAsync(NpgsqlDataSource dataSource, Guid streamId, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            $"""
            select seq_id, version, type, data::text, headers ->> '{EventSeal.HeaderName}'
            from {LedgerSchema.Schema}.mt_events where stream_id = $1 order by version
            """);
        command.Parameters.AddWithValue(streamId);
        var rows = new List<SealedRow>();
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token))
        {
            var sequence = reader.GetInt64(0);
            var sealText = reader.IsDBNull(4) ? null : reader.GetString(4);
            if (!EventSeal.TryParse(sealText, out var seal, out var problem))
            {
                throw new InvalidDataException($"the event at sequence {sequence} has no readable seal: {problem}");
            }
            rows.Add(new SealedRow(sequence, reader.GetInt64(1), reader.GetString(2), reader.GetString(3), seal));
        }
        return rows;
    }
}
