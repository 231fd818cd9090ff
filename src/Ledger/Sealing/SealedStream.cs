using System.Text.Json;
using Acgs.Ledger.Integrity;
using Npgsql;

namespace Acgs.Ledger.Sealing;

// One stored event as its row says, with its parsed seal: what a decision that depends on sealed
// facts (a vote's recordedAt, an event's hash) reads instead of a projection.
public sealed record SealedRow(long Sequence, Guid StreamId, long Version, string Type, string Data, EventSeal Seal)
{
    public T Read<T>() => JsonSerializer.Deserialize<T>(Data, LedgerJson.Options)
        ?? throw new InvalidDataException($"event {Type} at sequence {Sequence} has no data");

    public bool TryRead<T>(out T value)
    {
        try
        {
            value = Read<T>();
            return true;
        }
        catch (Exception exception) when (exception is JsonException or InvalidDataException or NotSupportedException)
        {
            value = default!;
            return false;
        }
    }
}

public static class SealedStream
{
    private const string Columns = $"seq_id, stream_id, version, type, data::text, headers ->> '{EventSeal.HeaderName}'";

    // For decisions: a row whose seal cannot be read stops the decision rather than being judged
    // without its facts. Bounded by what one stream holds (an amendment's votes by its voters).
    public static async Task<IReadOnlyList<SealedRow>> ReadAsync(NpgsqlDataSource dataSource, Guid streamId, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            $"select {Columns} from {LedgerSchema.Schema}.mt_events where stream_id = $1 order by version");
        command.Parameters.AddWithValue(streamId);
        var rows = new List<SealedRow>();
        await foreach (var (row, problem) in ReadAsync(command, token))
        {
            rows.Add(row ?? throw new InvalidDataException(problem));
        }
        return rows;
    }

    // For the verifier, which must never throw on tampered rows: unreadable seals are skipped here
    // (level 1 reports them), archived rows included.
    public static async Task<IReadOnlyList<SealedRow>> ReadReadableAsync(NpgsqlConnection connection, string where, CancellationToken token, params object[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        await using var command = new NpgsqlCommand($"select {Columns} from {LedgerSchema.Schema}.mt_events where {where} order by seq_id", connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }
        var rows = new List<SealedRow>();
        await foreach (var (row, _) in ReadAsync(command, token))
        {
            if (row is not null)
            {
                rows.Add(row);
            }
        }
        return rows;
    }

    private static async IAsyncEnumerable<(SealedRow? Row, string Problem)> ReadAsync(
        NpgsqlCommand command, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token))
        {
            var sequence = reader.GetInt64(0);
            var sealText = reader.IsDBNull(5) ? null : reader.GetString(5);
            yield return EventSeal.TryParse(sealText, out var seal, out var problem)
                ? (new SealedRow(sequence, reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4), seal), string.Empty)
                : (null, $"the event at sequence {sequence} has no readable seal: {problem}");
        }
    }
}
