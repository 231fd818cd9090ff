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
        policies.MapSubmissions(EventTypes.PolicySynthesized)
            .WithName("SynthesizePolicy").WithSummary("Synthesize a policy from a ratified amendment, or resynthesize it (GS)");
        policies.MapStreamSubmissions("verifications", EventTypes.PolicyVerificationRecorded)
            .WithName("RecordPolicyVerification").WithSummary("Record a verification result on the current source (FV)");
        policies.MapStreamSubmissions("compilations", EventTypes.PolicyCompiled)
            .WithName("RecordPolicyCompilation").WithSummary("Record a compilation of the current source (PGC)");
        policies.MapStreamSubmissions("activation", EventTypes.PolicyActivated)
            .WithName("ActivatePolicy").WithSummary("Activate a policy whose current source is verified and compiled");
        policies.MapStreamSubmissions("revocation", EventTypes.PolicyRevoked)
            .WithName("RevokePolicy").WithSummary("Revoke a policy");
        return endpoints;
    }
}
