using System.Text.Json;
using JasperFx.Events;
using Npgsql;

namespace Acgs.Ledger.Integrity.Verification;

// Level 4b of DESIGN §4.7: every document Marten keeps per stream equals a fresh replay of that
// stream's events through the document's own fold (StreamDocument). The events of every followed
// type are read once, in stream and version order, on the connection the row scan has finished
// with; one stream is replayed at a time and the stored documents are fetched a batch of streams at
// a time on the other, so memory is bounded by a batch. Documents and events come from the run's
// one snapshot: an inline document is written in its events' transaction, so they always agree.
public sealed partial class LedgerVerifier
{
    private const int ReplayBatch = 500;

    private static async Task CheckReadModelsAsync(
        LedgerSnapshot snapshot, IReadOnlyList<StreamDocument> documents, FindingCollector findings, CancellationToken token)
    {
        var kept = await ExistingTablesAsync(snapshot.Lookups, documents, token);
        foreach (var missing in documents.Where(document => !kept.Contains(document)))
        {
            findings.Add(FindingKind.ProjectionDrift, null, null, null,
                $"{missing.DocumentType.Name} is not kept: table {LedgerConfiguration.SchemaName}.{missing.Table} does not exist");
        }
        if (kept.Count == 0)
        {
            return;
        }

        var followed = kept.SelectMany(document => document.Events.Keys).Distinct(StringComparer.Ordinal).ToArray();
        await using var command = new NpgsqlCommand(
            $"select stream_id, version, type, data::text from {Events} where type = any($1) and type <> $2 order by stream_id, version",
            snapshot.Pages);
        command.Parameters.AddWithValue(followed);
        command.Parameters.AddWithValue(Tombstone.Name);
        var batch = new List<StreamReplay>(ReplayBatch);
        StreamReplay? current = null;
        await using (var reader = await command.ExecuteReaderAsync(token))
        {
            while (await reader.ReadAsync(token))
            {
                var streamId = reader.GetGuid(0);
                if (current?.StreamId != streamId)
                {
                    if (batch.Count == ReplayBatch)
                    {
                        await CompareAsync(snapshot.Lookups, kept, batch, findings, token);
                        batch.Clear();
                    }
                    current = new StreamReplay(streamId, kept);
                    batch.Add(current);
                }
                current.Apply(reader.GetInt64(1), reader.GetString(2), reader.GetString(3));
            }
        }
        await CompareAsync(snapshot.Lookups, kept, batch, findings, token);
        foreach (var document in kept)
        {
            await FindOrphansAsync(snapshot.Lookups, document, findings, token);
        }
    }

    private static async Task<IReadOnlyList<StreamDocument>> ExistingTablesAsync(
        NpgsqlConnection connection, IReadOnlyList<StreamDocument> documents, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(
            "select table_name::text from information_schema.tables where table_schema = $1 and table_name = any($2)", connection);
        command.Parameters.AddWithValue(LedgerConfiguration.SchemaName);
        command.Parameters.AddWithValue(documents.Select(document => document.Table).ToArray());
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token))
        {
            existing.Add(reader.GetString(0));
        }
        return documents.Where(document => existing.Contains(document.Table)).ToList();
    }

    private static async Task CompareAsync(
        NpgsqlConnection connection, IReadOnlyList<StreamDocument> documents, List<StreamReplay> batch, FindingCollector findings, CancellationToken token)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var ids = batch.Select(replay => replay.StreamId).ToArray();
        for (var index = 0; index < documents.Count; index++)
        {
            var document = documents[index];
            var stored = new Dictionary<Guid, string>();
            await using (var command = new NpgsqlCommand(
                $"select id, data::text from {LedgerConfiguration.SchemaName}.{document.Table} where id = any($1)", connection))
            {
                command.Parameters.AddWithValue(ids);
                await using var reader = await command.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token))
                {
                    stored[reader.GetGuid(0)] = reader.GetString(1);
                }
            }
            foreach (var replay in batch)
            {
                var outcome = replay.Outcomes[index];
                if (outcome.Followed && Judge(outcome, stored.GetValueOrDefault(replay.StreamId)) is { } problem)
                {
                    findings.Add(FindingKind.ProjectionDrift, null, replay.StreamId, outcome.Version,
                        $"{document.DocumentType.Name} ({LedgerConfiguration.SchemaName}.{document.Table}) {problem}");
                }
            }
        }
    }

    // Null when the stored document is exactly what the replay gives.
    private static string? Judge(ReplayOutcome outcome, string? stored)
    {
        if (outcome.Problem is { } problem)
        {
            return $"cannot be replayed from its stream: {problem}";
        }
        if (outcome.Document is null)
        {
            return stored is null ? null : "is stored, but its stream's events produce no document";
        }
        if (stored is null)
        {
            return "is missing: its stream's events produce one";
        }
        var expected = JsonSerializer.SerializeToElement(outcome.Document, outcome.Document.GetType(), LedgerJson.Options);
        JsonElement actual;
        try
        {
            using var parsed = JsonDocument.Parse(stored);
            actual = parsed.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            return $"is not JSON: {exception.Message}";
        }
        var differing = DifferingMembers(expected, actual);
        return differing.Count == 0 ? null : $"differs from a fresh replay of its stream in: {string.Join(", ", differing)}";
    }

    // The top-level members whose canonical values differ, so a finding says what drifted.
    private static List<string> DifferingMembers(JsonElement expected, JsonElement actual)
    {
        if (expected.ValueKind != JsonValueKind.Object || actual.ValueKind != JsonValueKind.Object)
        {
            return SameCanonical(expected, actual) ? [] : ["the whole document"];
        }
        var names = expected.EnumerateObject().Select(member => member.Name)
            .Union(actual.EnumerateObject().Select(member => member.Name), StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return names.Where(name =>
        {
            var inExpected = expected.TryGetProperty(name, out var left);
            var inActual = actual.TryGetProperty(name, out var right);
            return inExpected != inActual || !SameCanonical(left, right);
        }).ToList();
    }

    private static bool SameCanonical(JsonElement left, JsonElement right)
    {
        try
        {
            return CanonicalJson.Canonicalize(left).AsSpan().SequenceEqual(CanonicalJson.Canonicalize(right));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // Documents whose stream holds no event the document follows: nothing could have produced them.
    private static async Task FindOrphansAsync(NpgsqlConnection connection, StreamDocument document, FindingCollector findings, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select d.id from {LedgerConfiguration.SchemaName}.{document.Table} d
            where not exists (select 1 from {Events} e where e.stream_id = d.id and e.type = any($1))
            order by d.id
            """,
            connection);
        command.Parameters.AddWithValue(document.Events.Keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token))
        {
            findings.Add(FindingKind.ProjectionDrift, null, reader.GetGuid(0), null,
                $"{document.DocumentType.Name} ({LedgerConfiguration.SchemaName}.{document.Table}) is stored for a stream with no event it follows");
        }
    }

    // Unjudged: the stream holds an event whose data is not the record its type names. Levels 1 and 2
    // pinpoint that row; what the document should be is then unknown, so it is not judged.
    private sealed record ReplayOutcome(bool Followed, object? Document, long? Version, string? Problem, bool Unjudged = false);

    // One stream replayed into every document at once; a document stops at the first event it
    // cannot read or apply.
    private sealed class StreamReplay(Guid streamId, IReadOnlyList<StreamDocument> documents)
    {
        public Guid StreamId { get; } = streamId;

        public ReplayOutcome[] Outcomes { get; } = documents.Select(_ => new ReplayOutcome(false, null, null, null)).ToArray();

        public void Apply(long version, string type, string data)
        {
            for (var index = 0; index < documents.Count; index++)
            {
                var outcome = Outcomes[index];
                if (outcome.Problem is not null || outcome.Unjudged || !documents[index].Events.ContainsKey(type))
                {
                    continue;
                }
                try
                {
                    Outcomes[index] = new ReplayOutcome(true, documents[index].Replay(outcome.Document, type, data, version), version, null);
                }
                catch (Exception exception) when (exception is JsonException or NotSupportedException)
                {
                    Outcomes[index] = outcome with { Followed = false, Unjudged = true };
                }
                catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or FormatException
                                                      or InvalidCastException or KeyNotFoundException)
                {
                    Outcomes[index] = outcome with { Followed = true, Version = version, Problem = $"{type} at version {version}: {exception.Message}" };
                }
            }
        }
    }
}
