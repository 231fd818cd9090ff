using System.Text.Json.Serialization;
using Acgs.Api.Infrastructure;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Reads;
using Microsoft.AspNetCore.Http.HttpResults;

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
        reads.MapGet("/audit/events", AuditEventsAsync);
        reads.MapGet("/streams/{id}/events", StreamEventsAsync);
        reads.MapGet("/replay", Replay);
        return reads;
    }

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
