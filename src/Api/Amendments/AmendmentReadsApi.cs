using Acgs.Api.Reads;
using Acgs.Ledger.Amendments;
using Acgs.Projections.Amendments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Acgs.Api.Amendments;

// Reads of amendments (DESIGN §6): each with its votes and, once decided, the System actor's tally.
// One group, so that the signed-read requirement covers both reads with one call.
public static class AmendmentReadsApi
{
    public static RouteGroupBuilder MapAmendmentReads(this IEndpointRouteBuilder endpoints)
    {
        var reads = endpoints.MapGroup("/v1/amendments").WithTags("Amendments");
        reads.MapGet("/", ListAsync)
            .WithName("ListAmendments").WithSummary("Amendments, by id, optionally by status")
            .DescribeList<AmendmentView>(DocumentReadDescriptions.StatusFilter<AmendmentStatus>());
        reads.MapGet("/{id}", GetAsync)
            .WithName("GetAmendment").WithSummary("An amendment with its votes and, once decided, the tally")
            .DescribeItem<AmendmentView>();
        return reads;
    }

    // `?status=open|ratified|rejected|withdrawn`, optional.
    public static Task<Results<JsonHttpResult<DocumentPage<AmendmentView>>, ProblemHttpResult>> ListAsync(
        HttpContext context, DocumentReads reads, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(reads);
        return reads.ListAsync<AmendmentView, AmendmentView>(context, AmendmentView.Document, "amendments", ["status"],
            DocumentReads.StatusFilter<AmendmentStatus>, view => view.AmendmentId, view => view, token);
    }

    public static Task<Results<JsonHttpResult<AmendmentView>, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, DocumentReads reads, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(reads);
        return reads.GetAsync<AmendmentView, AmendmentView>(context, id, AmendmentView.Document, "amendment", view => view, token);
    }
}
