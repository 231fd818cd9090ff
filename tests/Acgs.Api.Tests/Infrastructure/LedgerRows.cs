using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;
using Npgsql;

namespace Acgs.Api.Tests.Infrastructure;

// The ledger's tables read directly, as an auditor with database access would: what the API
// answers is checked against what was stored.
public sealed class LedgerRows(string connectionString) : IAsyncDisposable
{
    private const string Tombstone = "tombstone";

    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);

    public NpgsqlDataSource DataSource => dataSource;

    // Marten fills the sequence number of a failed append with a tombstone row that carries no
    // governance data; every other row is an append.
    public async Task<AppendCount> CountAsync(Guid streamId)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select count(*), count(*) filter (where stream_id = $1)
            from {LedgerSchema.Schema}.mt_events where type <> '{Tombstone}'
            """);
        command.Parameters.AddWithValue(streamId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new AppendCount(reader.GetInt64(0), reader.GetInt64(1));
    }

    public async Task<long?> SubmissionSequenceAsync(Guid submissionId)
    {
        await using var command = dataSource.CreateCommand(
            $"select seq from {LedgerSchema.Schema}.submissions where submission_id = $1");
        command.Parameters.AddWithValue(submissionId);
        return await command.ExecuteScalarAsync() as long?;
    }

    public async Task<long> StreamVersionAsync(Guid streamId)
    {
        await using var command = dataSource.CreateCommand(
            $"select coalesce(max(version), 0) from {LedgerSchema.Schema}.mt_events where stream_id = $1");
        command.Parameters.AddWithValue(streamId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<IReadOnlyList<StoredEvent>> StreamAsync(Guid streamId)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select e.seq_id, e.stream_id, e.version, e.type, e.data::text, e.headers ->> '{EventSeal.HeaderName}',
                   exists (select 1 from {LedgerSchema.Schema}.unsealed u where u.seq = e.seq_id)
                   or exists (select 1 from {LedgerSchema.Schema}.log_leaves l where l.seq = e.seq_id)
            from {LedgerSchema.Schema}.mt_events e where e.stream_id = $1 order by e.version
            """);
        command.Parameters.AddWithValue(streamId);
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            events.Add(new StoredEvent(reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetBoolean(6)));
        }
        return events;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}

public sealed record AppendCount(long Ledger, long Stream);

public sealed record StoredEvent(long Sequence, Guid StreamId, long Version, string Type, string Data, string? SealText, bool QueuedOrLogged)
{
    public EventSeal Seal => EventSeal.TryParse(SealText, out var seal, out var problem)
        ? seal
        : throw new Xunit.Sdk.XunitException($"stream {StreamId} version {Version}: {problem}");
}
