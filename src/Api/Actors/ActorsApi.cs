using Acgs.Api.Submissions;
using Acgs.Ledger;
using Acgs.Ledger.Sealing;

namespace Acgs.Api.Actors;

// Writes on actors (DESIGN §4.5, §6). Each route accepts only its own submission types; `{id}` must
// be the submission's stream.
public static class ActorsApi
{
    public static IEndpointRouteBuilder MapActorsApi(this IEndpointRouteBuilder endpoints)
    {
        var actors = endpoints.MapGroup("/v1/actors").WithTags("Actors");
        actors.MapPost("/", (HttpContext context, SubmissionPipeline pipeline) =>
            SubmissionEndpoint.HandleAsync(context, pipeline, new SubmissionRoute(null, Types(EventTypes.ActorRegistered))));
        Map(actors, "keys", EventTypes.ActorKeyRotated);
        Map(actors, "key-resets", EventTypes.ActorKeyResetProposed, EventTypes.ActorKeyResetApproved);
        Map(actors, "roles", EventTypes.ActorRolesChanged);
        Map(actors, "suspension", EventTypes.ActorSuspended, EventTypes.ActorReinstated);
        return endpoints;
    }

    private static void Map(RouteGroupBuilder actors, string resource, params string[] types)
    {
        var accepted = Types(types);
        actors.MapPost($"/{{id:guid}}/{resource}", (Guid id, HttpContext context, SubmissionPipeline pipeline) =>
            SubmissionEndpoint.HandleAsync(context, pipeline, new SubmissionRoute(id, accepted)));
    }

    private static HashSet<string> Types(params string[] types) => new(types, StringComparer.Ordinal);
}
