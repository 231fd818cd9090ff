using Acgs.Api.Submissions;
using Acgs.Ledger;

namespace Acgs.Api.Amendments;

// Writes on amendments (DESIGN §5): propose, vote, withdraw. Ratification and rejection are the
// System actor's, derived from these, and have no route.
public static class AmendmentsApi
{
    public static IEndpointRouteBuilder MapAmendmentsApi(this IEndpointRouteBuilder endpoints)
    {
        var amendments = endpoints.MapGroup("/v1/amendments").WithTags("Amendments");
        amendments.MapSubmissions(EventTypes.AmendmentProposed)
            .WithName("ProposeAmendment").WithSummary("Propose an amendment to the constitution");
        amendments.MapStreamSubmissions("votes", EventTypes.AmendmentVoteCast)
            .WithName("CastVote").WithSummary("Vote on an amendment (a Council member frozen at proposal)");
        amendments.MapStreamSubmissions("withdrawal", EventTypes.AmendmentWithdrawn)
            .WithName("WithdrawAmendment").WithSummary("Withdraw an amendment (its proposer)");
        return endpoints;
    }
}
