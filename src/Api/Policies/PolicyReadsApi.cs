using Acgs.Api.Reads;
using Acgs.Projections.Policies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Acgs.Api.Policies;

// Reads of policies (DESIGN §6): the current source with its results, earlier sources, and the stage
// (PolicyStage). One group, so that the signed-read requirement covers both reads with one call.
public static class PolicyReadsApi
{
    public static RouteGroupBuilder MapPolicyReads(this IEndpointRouteBuilder endpoints)
    {
        var reads = endpoints.MapGroup("/v1/policies").WithTags("Policies");
        reads.MapGet("/", ListAsync)
            .WithName("ListPolicies").WithSummary("Policies, by id, optionally by stage")
            .DescribeList<PolicyView>(DocumentReadDescriptions.StatusFilter<PolicyStage>());
        reads.MapGet("/{id}", GetAsync)
            .WithName("GetPolicy").WithSummary("A policy: its current source with its results, earlier sources, and its stage")
            .DescribeItem<PolicyView>();
        return reads;
    }

    // `?status=synthesized|verified|compiled|active|superseded|revoked`, optional.
    public static Task<Results<JsonHttpResult<DocumentPage<PolicyView>>, ProblemHttpResult>> ListAsync(
        HttpContext context, DocumentReads reads, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(reads);
        return reads.ListAsync<PolicyView, PolicyView>(context, PolicyView.Document, "policies", ["status"],
            DocumentReads.StatusFilter<PolicyStage>, view => view.PolicyId, view => view, token);
    }

    public static Task<Results<JsonHttpResult<PolicyView>, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, DocumentReads reads, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(reads);
        return reads.GetAsync<PolicyView, PolicyView>(context, id, PolicyView.Document, "policy", view => view, token);
    }
}
