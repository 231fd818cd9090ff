using System.Threading.Channels;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Genesis;
using JasperFx.Events;
using Npgsql;

namespace Acgs.Ledger.Integrity.Verification;

// The verifier's reads. Raw SQL on Marten's tables, never Marten's LINQ (which hides archived rows
// and re-serialises data): jsonb is read as the UTF-8 of its text (asked for byte[], Npgsql hands
// text over undecoded), and nothing here parses JSON in SQL, so no stored byte can make a query fail.
public sealed partial class LedgerVerifier
{
    private const string Events = $"{LedgerConfiguration.SchemaName}.mt_events";
    private const string Streams = $"{LedgerConfiguration.SchemaName}.mt_streams";
    private const string Submissions = $"{LedgerConfiguration.SchemaName}.submissions";

    // The log's columns ride with each row (a unique index each), so level 3 needs no pass of its own
    // over the events.
    private static readonly string RowColumns =
        $$"""
        e.seq_id, e.stream_id, e.version, e.type, e.data::text, coalesce(e.is_archived, false),
        {{RawEvent.TombstoneShape("e")}}, jsonb_typeof(e.headers), jsonb_typeof(e.headers -> '{{EventSeal.HeaderName}}'),
        e.headers ->> '{{EventSeal.HeaderName}}',
        case when jsonb_typeof(e.headers) = 'object' then nullif((e.headers - '{{EventSeal.HeaderName}}')::text, '{}') end,
        l.leaf_index, l.event_hash, q.reason
        """;

    private static readonly string RowSource = RowsAfter(null);

    // A page repeats its lower bound in each join: without it PostgreSQL merges the page with the log's
    // sequence index scanned from its start, so each page would cost as much as every page before it.
    private static string RowsAfter(string? lowerBound) =>
        $"{Events} e left join {Leaves} l on l.seq = e.seq_id{Above("l", lowerBound)} left join {Quarantine} q on q.seq = e.seq_id{Above("q", lowerBound)}";

    private static string Above(string table, string? lowerBound) => lowerBound is null ? "" : $" and {table}.seq > {lowerBound}";

    private static async Task ReadPagesAsync(
        NpgsqlConnection connection, Guid? streamId, int pageSize, ChannelWriter<RawEvent[]> pages, CancellationToken token)
    {
        try
        {
            var after = long.MinValue;
            while (true)
            {
                await using var command = new NpgsqlCommand(
                    $"select {RowColumns} from {RowsAfter("$1")} where e.seq_id > $1 {(streamId is null ? "" : "and e.stream_id = $3")} order by e.seq_id limit $2",
                    connection);
                command.Parameters.AddWithValue(after);
                command.Parameters.AddWithValue(pageSize);
                if (streamId is { } stream)
                {
                    command.Parameters.AddWithValue(stream);
                }
                var page = new List<RawEvent>(pageSize);
                await using (var reader = await command.ExecuteReaderAsync(token))
                {
                    while (await reader.ReadAsync(token))
                    {
                        page.Add(ReadRow(reader));
                    }
                }
                if (page.Count == 0)
                {
                    return;
                }
                await pages.WriteAsync([.. page], token);
                if (page.Count < pageSize)
                {
                    return;
                }
                after = page[^1].Sequence;
            }
        }
        finally
        {
            pages.TryComplete();
        }
    }

    private static RawEvent ReadRow(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.IsDBNull(1) ? Guid.Empty : reader.GetGuid(1),
        reader.GetInt64(2),
        reader.GetString(3),
        reader.GetFieldValue<byte[]>(4),
        reader.GetBoolean(5),
        reader.GetBoolean(6),
        NullableString(reader, 7),
        NullableString(reader, 8),
        reader.IsDBNull(9) ? null : reader.GetFieldValue<byte[]>(9),
        NullableString(reader, 10),
        reader.IsDBNull(11) ? null : reader.GetInt64(11),
        NullableString(reader, 12),
        NullableString(reader, 13));

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static async Task<long> LastSequenceAsync(NpgsqlConnection connection, Guid? streamId, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(
            $"select coalesce(max(seq_id), 0) from {Events}{(streamId is null ? "" : " where stream_id = $1")}", connection);
        if (streamId is { } stream)
        {
            command.Parameters.AddWithValue(stream);
        }
        return (long)(await command.ExecuteScalarAsync(token))!;
    }

    // The ledger id as the first ledger-created row names it, before a run: what a caller needs to
    // find what it trusts about this ledger. The run itself judges that row.
    public static async Task<Guid?> ReadLedgerIdAsync(NpgsqlDataSource dataSource, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand($"select stream_id from {Events} where type = $1 order by seq_id limit 1");
        command.Parameters.AddWithValue(EventTypes.LedgerCreated);
        return await command.ExecuteScalarAsync(token) as Guid?;
    }

    // The ledger-created row names the ledger id and the keys that judge genesis (DESIGN §4.5).
    // Exactly one is expected, at version 1 of the stream named by its own ledger id.
    private static async Task<GenesisKeys?> ReadGenesisAsync(
        NpgsqlConnection connection, Guid? expectedLedgerId, FindingCollector findings, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(
            $"select {RowColumns} from {RowSource} where e.type = $1 order by e.seq_id", connection);
        command.Parameters.AddWithValue(EventTypes.LedgerCreated);
        GenesisKeys? genesis = null;
        var rows = 0;
        await using (var reader = await command.ExecuteReaderAsync(token))
        {
            while (await reader.ReadAsync(token))
            {
                var row = ReadRow(reader);
                if (++rows > 1)
                {
                    findings.Add(FindingKind.WrongLedger, row.Sequence, row.StreamId, row.Version,
                        "a second ledger-created event: a ledger has one genesis");
                    continue;
                }
                genesis = ReadGenesis(row, expectedLedgerId, findings);
            }
        }
        if (rows == 0 && await AnyEventAsync(connection, token))
        {
            findings.Add(FindingKind.WrongLedger, null, null, null,
                "no ledger-created event: the ledger's id and the keys that judge its genesis are unknown");
        }
        return genesis;
    }

    private static GenesisKeys? ReadGenesis(RawEvent row, Guid? expectedLedgerId, FindingCollector findings)
    {
        using var parsed = StrictJson.Parse(row.Data);
        if (!parsed.IsValid || !LedgerJson.TryDeserializeExact<LedgerCreated>(parsed.RootElement, out var created, out _)
            || !VerificationKey.TryParse(created.Admin.PublicKey, out var adminKey, out _))
        {
            findings.Add(FindingKind.WrongLedger, row.Sequence, row.StreamId, row.Version,
                "the ledger-created data cannot be read, so neither the ledger id nor the genesis keys are known");
            return null;
        }
        if (row.StreamId != created.LedgerId || row.Version != 1)
        {
            findings.Add(FindingKind.WrongLedger, row.Sequence, row.StreamId, row.Version,
                $"ledger-created for ledger {created.LedgerId} is stored at stream {row.StreamId} version {row.Version}, not at version 1 of its own stream");
        }
        if (expectedLedgerId is { } expected && expected != created.LedgerId)
        {
            findings.Add(FindingKind.WrongLedger, row.Sequence, row.StreamId, row.Version,
                $"this database holds ledger {created.LedgerId}, not {expected}");
        }
        return new GenesisKeys(created.LedgerId, created.Admin.ActorId, adminKey,
            new HashSet<Guid> { created.LedgerId, created.System.ActorId, created.Admin.ActorId, created.ConstitutionId },
            created.Origin, CheckpointKey(created));
    }

    private static async Task<bool> AnyEventAsync(NpgsqlConnection connection, CancellationToken token)
    {
        await using var command = new NpgsqlCommand($"select exists (select 1 from {Events} where type <> $1)", connection);
        command.Parameters.AddWithValue(Tombstone.Name);
        return (bool)(await command.ExecuteScalarAsync(token))!;
    }

    // Every event of every stream that begins with a registration, in stream and version order.
    private static async Task<ActorKeyHistory.Builder> ReadKeyHistoryAsync(NpgsqlConnection connection, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select stream_id, version, type, data::text from {Events}
            where stream_id in (select stream_id from {Events} where type = $1) and type <> $2
            order by stream_id, version
            """,
            connection);
        command.Parameters.AddWithValue(EventTypes.ActorRegistered);
        command.Parameters.AddWithValue(Tombstone.Name);
        var history = new ActorKeyHistory.Builder();
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token))
        {
            history.Add(reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2), reader.GetFieldValue<byte[]>(3));
        }
        return history;
    }

    // The records of a page's events. A page of the whole ledger holds consecutive sequences, so its
    // records are read by the page's range of sequences, one index range. An event whose submission
    // is recorded elsewhere (appended twice, or moved) or not at all is then looked up by id. The range
    // is cut at the page's length, so records planted between far-apart sequences cannot swell it;
    // what it leaves out is looked up by id too. A page of one stream spans other streams' sequences,
    // so its records are only looked up by id.
    private static async Task<IReadOnlyDictionary<Guid, SubmissionRecord>> ReadSubmissionRecordsAsync(
        NpgsqlConnection connection, EventCheck[] checks, bool consecutive, CancellationToken token)
    {
        var records = new Dictionary<Guid, SubmissionRecord>(checks.Length);
        if (consecutive)
        {
            await using var range = new NpgsqlCommand(
                $"select submission_id, submission_sha256, seq from {Submissions} where seq between $1 and $2 order by seq limit $3", connection);
            range.Parameters.AddWithValue(checks[0].Row.Sequence);
            range.Parameters.AddWithValue(checks[^1].Row.Sequence);
            range.Parameters.AddWithValue(checks.Length);
            await ReadRecordsAsync(range, records, token);
        }

        var missing = checks.Select(check => check.Seal?.Input.Submission.SubmissionId).OfType<Guid>()
            .Where(id => !records.ContainsKey(id)).Distinct().ToArray();
        if (missing.Length > 0)
        {
            await using var byId = new NpgsqlCommand(
                $"select submission_id, submission_sha256, seq from {Submissions} where submission_id = any($1)", connection);
            byId.Parameters.AddWithValue(missing);
            await ReadRecordsAsync(byId, records, token);
        }
        return records;
    }

    private static async Task ReadRecordsAsync(NpgsqlCommand command, Dictionary<Guid, SubmissionRecord> records, CancellationToken token)
    {
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token))
        {
            records[reader.GetGuid(0)] = new SubmissionRecord(reader.GetString(1), reader.GetInt64(2));
        }
    }

    // Marten's stream heads: a head beyond the last stored version means the tail was removed.
    private static async Task CheckStreamHeadsAsync(
        NpgsqlConnection connection, Guid? streamId, Scan scan, FindingCollector findings, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(
            $"select id, coalesce(version, 0) from {Streams}{(streamId is null ? "" : " where id = $1")} order by id", connection);
        if (streamId is { } stream)
        {
            command.Parameters.AddWithValue(stream);
        }
        var heads = 0;
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token))
        {
            heads++;
            var id = reader.GetGuid(0);
            var head = reader.GetInt64(1);
            if (!scan.TryGetLastVersion(id, out var last))
            {
                // Marten's tombstones have a stream of their own, which holds no event.
                if (head > 0 && !scan.IsTombstoneStream(id))
                {
                    findings.Add(FindingKind.MissingEvent, null, id, null, $"the stream's head is version {head}, but none of its events is stored");
                }
            }
            else if (last < head)
            {
                findings.Add(FindingKind.MissingEvent, null, id, last + 1, $"the stream's head is version {head}, but its events end at version {last}");
            }
            else if (last > head)
            {
                findings.Add(FindingKind.VersionMismatch, null, id, last, $"the stream's events reach version {last}, but its head says version {head}");
            }
        }
        // A stream asked for by id that nothing holds is not a clean stream.
        if (streamId is { } asked && heads == 0 && !scan.TryGetLastVersion(asked, out _))
        {
            findings.Add(FindingKind.MissingEvent, null, asked, null, "no event of this stream is stored, and Marten has no head for it");
        }
    }

    // Each record in acgs.submissions was written in the same transaction as its event. When more
    // records exist than events matched one, the extra ones name sequences whose event is gone or
    // was replaced; only then are they looked for (the seal's submission id is found by a text
    // match, so a damaged seal cannot make the query fail).
    private static async Task CheckRecordedSubmissionsAsync(
        NpgsqlConnection connection, long matched, FindingCollector findings, CancellationToken token)
    {
        await using (var count = new NpgsqlCommand($"select count(*) from {Submissions}", connection))
        {
            if ((long)(await count.ExecuteScalarAsync(token))! <= matched)
            {
                return;
            }
        }

        await using var command = new NpgsqlCommand(
            $$"""
            select s.submission_id, s.seq, e.seq_id is not null and not {{RawEvent.TombstoneShape("e")}}
            from {{Submissions}} s left join {{Events}} e on e.seq_id = s.seq
            where e.seq_id is null
               or {{RawEvent.TombstoneShape("e")}}
               or substring(e.headers ->> '{{EventSeal.HeaderName}}' from '"submissionId"\s*:\s*"([0-9a-f-]{36})"') is distinct from s.submission_id::text
            order by s.seq
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token))
        {
            var submissionId = reader.GetGuid(0);
            var sequence = reader.GetInt64(1);
            findings.Add(FindingKind.MissingEvent, sequence, null, null, reader.GetBoolean(2)
                ? $"submission {submissionId} is recorded at seq {sequence}, but the event there does not carry it"
                : $"submission {submissionId} is recorded at seq {sequence}, but no event is stored there");
        }
    }
}
