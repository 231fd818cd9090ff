using Acgs.Api.Submissions;
using Acgs.Ledger;

namespace Acgs.Api.Policies;

// Writes on policies (DESIGN §5): synthesis and resynthesis (GS), verification results (FV),
// compilations (PGC), activation and revocation. Supersession is the System actor's, derived from an
// activation, and has no route.
public static class PoliciesApi
{
    public static IEndpointRouteBuilder MapPoliciesApi(this IEndpointRouteBuilder endpoints)
    {
        var policies = endpoints.MapGroup("/v1/policies").WithTags("Policies");
        policies.MapSubmissions(EventTypes.PolicySynthesized);
        policies.MapStreamSubmissions("verifications", EventTypes.PolicyVerificationRecorded);
        policies.MapStreamSubmissions("compilations", EventTypes.PolicyCompiled);
        policies.MapStreamSubmissions("activation", EventTypes.PolicyActivated);
        policies.MapStreamSubmissions("revocation", EventTypes.PolicyRevoked);
        return endpoints;
    }
}
