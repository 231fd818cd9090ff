using System.Text.Json.Serialization;
using Acgs.Api.Infrastructure;
using Acgs.Api.OpenApi;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Reads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace Acgs.Api.Audit;

// The audit and history reads (DESIGN §4.6, §6), all served from the sealed log and paged by leaf
// index: the audit trail with its filters, one stream's history, and resumable NDJSON replay.
public static class AuditApi
{
    // A cursor is bound to the read it came from: the same filter on another route is another query.
    private const string AuditScope = "audit-events\n";
    private const string StreamScope = "stream-events\n";

    public sealed record AuditPage(
        IReadOnlyList<SealedLogEvent> Items,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor);

    // One group, so that the signed-read requirement (RFC 9421) covers all three reads at once.
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        var reads = endpoints.MapGroup("/v1").WithTags("Audit");
        reads.MapGet("/audit/events", AuditEventsAsync)
            .WithName("GetAuditEvents").WithSummary("The audit trail, filtered, in leaf order")
            .WithDescription("Sealed events in log (leaf) order, paged; filters combine. Unknown or repeated parameters are refused.")
            .WithQueryParameters(
                new("actor", "Only events signed by this actor (a UUID).", Pattern: LedgerSchemas.UuidPattern),
                new("type", "Only events of this type (one of the ledger's event types)."),
                new("stream", "Only events of this stream (a UUID).", Pattern: LedgerSchemas.UuidPattern),
                new("from", "Only events recorded at or after this instant (yyyy-MM-ddTHH:mm:ss.fffZ).", Pattern: LedgerSchemas.TimestampPattern),
                new("to", "Only events recorded at or before this instant (yyyy-MM-ddTHH:mm:ss.fffZ).", Pattern: LedgerSchemas.TimestampPattern),
                QueryParameters.Limit(SealedEventReader.MaxPageSize, ReadQuery.DefaultPageSize),
                QueryParameters.Cursor())
            .DescribePage();
        reads.MapGet("/streams/{id}/events", StreamEventsAsync)
            .WithName("GetStreamEvents").WithSummary("One stream's sealed events in version order")
            .WithQueryParameters(QueryParameters.Limit(SealedEventReader.MaxPageSize, ReadQuery.DefaultPageSize), QueryParameters.Cursor())
            .DescribePage();
        reads.MapGet("/replay", Replay)
            .WithName("Replay").WithSummary("The sealed log as NDJSON, from a leaf on")
            .WithDescription($"""
                One SealedLogEvent per line (application/x-ndjson), from leaf `from` (default 0) up to the tree size signed
                when the replay began, sent as {NdjsonReplay.TreeSizeHeader}. A client that stopped after leaf N resumes with from=N+1.
                """)
            .WithQueryParameters(new QueryParameter("from", "The first leaf index to replay (default 0).", JsonSchemaType.Integer))
            .Produces<SealedLogEvent>(StatusCodes.Status200OK, NdjsonReplay.ContentType)
            .ProducesProblems(ProblemTypes.InvalidReadQuery);
        return reads;
    }

    private static RouteHandlerBuilder DescribePage(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces<AuditPage>().ProducesProblems(ProblemTypes.InvalidReadQuery, ProblemTypes.InvalidCursor);

    public static async Task<Results<JsonHttpResult<AuditPage>, ProblemHttpResult>> AuditEventsAsync(
        HttpContext context, SealedEventReader reader, PageCursorKey cursorKey, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ReadQuery.ParseAudit(context.Request.Query, out var request) is { } problem
            ? InvalidQuery(problem)
            : await PageAsync(AuditScope, request, reader, cursorKey, token);
    }

    // A stream's events in version order: paging by leaf gives it, since version n + 1 of a stream
    // can only commit after version n has, and the sealer logs committed events in sequence order.
    public static async Task<Results<JsonHttpResult<AuditPage>, ProblemHttpResult>> StreamEventsAsync(
        string id, HttpContext context, SealedEventReader reader, PageCursorKey cursorKey, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ReadQuery.ParseStreamPage(context.Request.Query, id, out var request) is { } problem
            ? InvalidQuery(problem)
            : await PageAsync(StreamScope, request, reader, cursorKey, token);
    }

    public static Results<NdjsonReplay, ProblemHttpResult> Replay(HttpContext context, SealedEventReader reader)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ReadQuery.ParseReplay(context.Request.Query, out var fromLeaf) is { } problem
            ? InvalidQuery(problem)
            : new NdjsonReplay(reader, fromLeaf);
    }

    private static async Task<Results<JsonHttpResult<AuditPage>, ProblemHttpResult>> PageAsync(
        string scope, PageRequest request, SealedEventReader reader, PageCursorKey cursorKey, CancellationToken token)
    {
        var query = scope + request.Filter.CanonicalText();
        var key = await cursorKey.GetAsync(token);
        var afterLeaf = -1L;
        if (request.Cursor is { } cursor && !PageCursor.TryRead(key, query, cursor, out afterLeaf))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidCursor, "Invalid cursor",
                "cursor is not a nextCursor this read issued for these filters; start again without a cursor");
        }
        var page = await reader.PageAsync(request.Filter, afterLeaf, request.PageSize, token);
        var next = page.More ? PageCursor.Issue(key, query, page.Events[^1].LeafIndex) : null;
        return TypedResults.Json(new AuditPage(page.Events, next), LedgerJson.Options);
    }

    private static ProblemHttpResult InvalidQuery(string detail) =>
        Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidReadQuery, "Invalid read", detail);
}
