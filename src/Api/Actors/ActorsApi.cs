using Acgs.Api.Submissions;
using Acgs.Ledger;

namespace Acgs.Api.Actors;

// Writes on actors (DESIGN §4.5, §6). Each route accepts only its own submission types; `{id}` must
// be the submission's stream.
public static class ActorsApi
{
    public static IEndpointRouteBuilder MapActorsApi(this IEndpointRouteBuilder endpoints)
    {
        var actors = endpoints.MapGroup("/v1/actors").WithTags("Actors");
        actors.MapSubmissions(EventTypes.ActorRegistered)
            .WithName("RegisterActor").WithSummary("Register an actor (an Admin; the new key proves possession)");
        actors.MapStreamSubmissions("keys", EventTypes.ActorKeyRotated)
            .WithName("RotateActorKey").WithSummary("Rotate an actor's key (signed by its current key)");
        actors.MapStreamSubmissions("key-resets", EventTypes.ActorKeyResetProposed, EventTypes.ActorKeyResetApproved)
            .WithName("ResetActorKey").WithSummary("Propose or approve a forced key reset (two Admins)");
        actors.MapStreamSubmissions("roles", EventTypes.ActorRolesChanged)
            .WithName("ChangeActorRoles").WithSummary("Change an actor's roles (an Admin)");
        actors.MapStreamSubmissions("suspension", EventTypes.ActorSuspended, EventTypes.ActorReinstated)
            .WithName("SuspendOrReinstateActor").WithSummary("Suspend or reinstate an actor (an Admin)");
        return endpoints;
    }
}
