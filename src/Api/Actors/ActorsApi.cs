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
        actors.MapSubmissions(EventTypes.ActorRegistered);
        actors.MapStreamSubmissions("keys", EventTypes.ActorKeyRotated);
        actors.MapStreamSubmissions("key-resets", EventTypes.ActorKeyResetProposed, EventTypes.ActorKeyResetApproved);
        actors.MapStreamSubmissions("roles", EventTypes.ActorRolesChanged);
        actors.MapStreamSubmissions("suspension", EventTypes.ActorSuspended, EventTypes.ActorReinstated);
        return endpoints;
    }
}
