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
        amendments.MapSubmissions(EventTypes.AmendmentProposed);
        amendments.MapStreamSubmissions("votes", EventTypes.AmendmentVoteCast);
        amendments.MapStreamSubmissions("withdrawal", EventTypes.AmendmentWithdrawn);
        return endpoints;
    }
}
