using Acgs.Api.OpenApi;
using Acgs.Api.Reads;
using Acgs.Ledger;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;
using Acgs.Projections.Constitution;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
using Npgsql;

namespace Acgs.Api.Constitution;

// Reads of the constitution (DESIGN §6): as it stands, at a version, as of a time, and its history.
// When a version was recorded and its event's hash come from the seals of the constitution's own
// stream, never from Marten's timestamps (DESIGN §4.6). One group, so that the signed-read
// requirement covers every read with one call.
public static class ConstitutionApi
{
    private const string Version = "version";
    private const string AsOf = "asOf";

    public sealed record ConstitutionAnswer(
        Guid ConstitutionId,
        int Version,
        IReadOnlyList<Principle> Principles,
        MetaRules MetaRules,
        DateTimeOffset RecordedAt,
        string EventHash);

    // amendmentId is absent for version 1, adopted at genesis.
    public sealed record VersionAnswer(int Version, DateTimeOffset RecordedAt, string EventHash, Guid? AmendmentId);

    public static RouteGroupBuilder MapConstitutionReads(this IEndpointRouteBuilder endpoints)
    {
        var reads = endpoints.MapGroup("/v1/constitution").WithTags("Constitution");
        reads.MapGet("/", GetAsync)
            .WithName("GetConstitution").WithSummary("The constitution: as it stands, at a version, or as of a time")
            .WithQueryParameters(
                new QueryParameter(Version, "The constitution at this version (a positive integer); not with asOf.", JsonSchemaType.Integer),
                new QueryParameter(AsOf, "The constitution as of this instant (yyyy-MM-ddTHH:mm:ss.fffZ), by the sealed recordedAt; not with version.",
                    Pattern: LedgerSchemas.TimestampPattern))
            .DescribeItem<ConstitutionAnswer>();
        reads.MapGet("/history", HistoryAsync)
            .WithName("GetConstitutionHistory").WithSummary("Every version of the constitution: when it was recorded, its event's hash, its amendment")
            .DescribeList<VersionAnswer>();
        return reads;
    }

    // `?version=N` or `?asOf=<timestamp>` (not both): the constitution replayed from its stream up to
    // that version, or to the last version sealed at or before that instant.
    public static async Task<Results<JsonHttpResult<ConstitutionAnswer>, ProblemHttpResult>> GetAsync(
        HttpContext context, GenesisDocument genesis, DocumentReads reads, NpgsqlDataSource dataSource, LedgerClock clock, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(clock);
        var query = context.Request.Query;
        if (ListQuery.CheckNames(query, Version, AsOf) is { } names)
        {
            return DocumentReads.InvalidQuery(names);
        }
        var versionText = ListQuery.Value(query, Version);
        var asOfText = ListQuery.Value(query, AsOf);
        var constitutionId = genesis.Constitution.Submission.StreamId;
        if (versionText is null && asOfText is null)
        {
            if (await reads.LoadAsync<ConstitutionView>(ConstitutionView.Document, constitutionId, token) is not { } current)
            {
                return DocumentReads.NotFound("the constitution has not been adopted yet");
            }
            var seal = (await SealsAsync(dataSource, constitutionId, [current.Version], token))[current.Version];
            return TypedResults.Json(Answer(current, seal), LedgerJson.Options);
        }
        if (versionText is not null && asOfText is not null)
        {
            return DocumentReads.InvalidQuery("give version or asOf, not both");
        }

        var stream = await SealedStream.ReadAsync(dataSource, constitutionId, token);
        if (stream.Count == 0)
        {
            return DocumentReads.NotFound("the constitution has not been adopted yet");
        }
        Func<SealedRow, bool> included;
        if (versionText is not null)
        {
            if (!TryParseVersion(versionText, out var version))
            {
                return DocumentReads.InvalidQuery("version must be a positive integer");
            }
            if (version > stream[^1].Version)
            {
                return DocumentReads.NotFound($"the constitution has no version {version}; its latest is {stream[^1].Version}");
            }
            included = row => row.Version <= version;
        }
        else
        {
            if (!LedgerTimestamp.TryParse(asOfText, out var asOf))
            {
                return DocumentReads.InvalidQuery("asOf must be a timestamp yyyy-MM-ddTHH:mm:ss.fffZ");
            }
            var now = clock.Now();
            if (asOf > now)
            {
                return DocumentReads.InvalidQuery($"asOf {LedgerTimestamp.Format(asOf)} is in the future (the ledger's clock reads {LedgerTimestamp.Format(now)})");
            }
            var adoptedAt = stream[0].Seal.Input.RecordedAt;
            if (asOf < adoptedAt)
            {
                return DocumentReads.InvalidQuery(
                    $"asOf {LedgerTimestamp.Format(asOf)} is before the constitution was adopted at genesis ({LedgerTimestamp.Format(adoptedAt)})");
            }
            included = row => row.Seal.Input.RecordedAt <= asOf;
        }

        ConstitutionView? view = null;
        SealedRow? last = null;
        foreach (var row in stream.TakeWhile(included))
        {
            view = ConstitutionView.Document.Apply(view, row.Type, row.Data, row.Version);
            last = row;
        }
        return view is null || last is null
            ? DocumentReads.NotFound("the constitution's stream holds no version there")
            : TypedResults.Json(Answer(view, last.Seal), LedgerJson.Options);
    }

    // Every version in order, in pages: when it was recorded, its event's hash, and the amendment
    // that made it.
    public static async Task<Results<JsonHttpResult<DocumentPage<VersionAnswer>>, ProblemHttpResult>> HistoryAsync(
        HttpContext context, GenesisDocument genesis, DocumentReads reads, NpgsqlDataSource dataSource, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentNullException.ThrowIfNull(reads);
        const string read = "constitution-history";
        var query = context.Request.Query;
        var unknown = ListQuery.CheckNames(query, ListQuery.Limit, ListQuery.Cursor);
        var badWindow = ListQuery.ParseWindow(query, out var window);
        if ((unknown ?? badWindow) is { } problem)
        {
            return DocumentReads.InvalidQuery(problem);
        }
        var after = 0;
        if (window.Cursor is { } cursor && !ReadCursor.TryRead(read, cursor, out after))
        {
            return DocumentReads.InvalidCursor();
        }
        var constitutionId = genesis.Constitution.Submission.StreamId;
        if (await reads.LoadAsync<ConstitutionView>(ConstitutionView.Document, constitutionId, token) is not { } current)
        {
            return DocumentReads.NotFound("the constitution has not been adopted yet");
        }
        var versions = current.Versions.Where(version => version.Version > after).Take(window.Limit + 1).ToList();
        var page = versions.Take(window.Limit).ToList();
        var seals = await SealsAsync(dataSource, constitutionId, page.Select(version => version.Version).ToArray(), token);
        var items = page.Select(version => new VersionAnswer(version.Version, seals[version.Version].Input.RecordedAt, seals[version.Version].Hash,
            version.AmendmentId)).ToList();
        var next = versions.Count > window.Limit ? ReadCursor.Issue(read, page[^1].Version) : null;
        return TypedResults.Json(new DocumentPage<VersionAnswer>(items, next), LedgerJson.Options);
    }

    private static ConstitutionAnswer Answer(ConstitutionView view, EventSeal seal) =>
        new(view.ConstitutionId, view.Version, view.Principles, view.MetaRules, seal.Input.RecordedAt, seal.Hash);

    // The seals of those versions of the constitution's stream; a version without a readable seal is
    // a broken ledger, not an answer.
    private static async Task<Dictionary<int, EventSeal>> SealsAsync(NpgsqlDataSource dataSource, Guid constitutionId, int[] versions, CancellationToken token)
    {
        await using var command = dataSource.CreateCommand(
            $"select version, headers ->> '{EventSeal.HeaderName}' from {LedgerConfiguration.SchemaName}.mt_events where stream_id = $1 and version = any($2)");
        command.Parameters.AddWithValue(constitutionId);
        command.Parameters.AddWithValue(versions.Select(version => (long)version).ToArray());
        var seals = new Dictionary<int, EventSeal>();
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token))
        {
            var version = checked((int)reader.GetInt64(0));
            seals[version] = EventSeal.TryParse(reader.IsDBNull(1) ? null : reader.GetString(1), out var seal, out var problem)
                ? seal
                : throw new InvalidDataException($"constitution version {version} has no readable seal: {problem}");
        }
        var missing = versions.Where(version => !seals.ContainsKey(version)).ToList();
        return missing.Count == 0
            ? seals
            : throw new InvalidDataException($"constitution versions {string.Join(", ", missing)} have no event in the constitution's stream");
    }

    private static bool TryParseVersion(string text, out int version)
    {
        version = 0;
        return text is { Length: > 0 and <= 9 } && text.All(char.IsAsciiDigit) && text[0] != '0'
            && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out version);
    }
}
