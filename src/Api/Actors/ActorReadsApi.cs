using System.Text.Json.Nodes;
using Acgs.Api.OpenApi;
using Acgs.Api.Reads;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Projections.Actors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace Acgs.Api.Actors;

// Reads of actors (DESIGN §6): who may act, with which key, and whether suspended. One group, so
// that the signed-read requirement covers both reads with one call.
public static class ActorReadsApi
{
    public sealed record ActorAnswer(Guid ActorId, string Name, IReadOnlyList<Role> Roles, KeyId KeyId, bool Suspended, long Version)
    {
        public static ActorAnswer From(ActorView view)
        {
            ArgumentNullException.ThrowIfNull(view);
            return new(view.ActorId, view.Name, view.Roles, view.KeyId, view.Suspended, view.Version);
        }
    }

    public static RouteGroupBuilder MapActorReads(this IEndpointRouteBuilder endpoints)
    {
        var reads = endpoints.MapGroup("/v1/actors").WithTags("Actors");
        reads.MapGet("/", ListAsync)
            .WithName("ListActors").WithSummary("Actors, by id, optionally by role and suspension")
            .DescribeList<ActorAnswer>(
                new QueryParameter("role", $"Only actors holding this role: one of {ListQuery.NamesOf<Role>()}."),
                new QueryParameter("suspended", "Only actors in this state: true or false.", JsonSchemaType.Boolean));
        reads.MapGet("/{id}", GetAsync)
            .WithName("GetActor").WithSummary("An actor: its key, roles and whether it is suspended")
            .DescribeItem<ActorAnswer>();
        return reads;
    }

    // `?role=council&suspended=false`: the actors holding that role, in that state; both optional.
    public static Task<Results<JsonHttpResult<DocumentPage<ActorAnswer>>, ProblemHttpResult>> ListAsync(
        HttpContext context, DocumentReads reads, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(reads);
        return reads.ListAsync<ActorView, ActorAnswer>(context, ActorView.Document, "actors", ["role", "suspended"], Filters,
            view => view.ActorId, ActorAnswer.From, token);
    }

    public static Task<Results<JsonHttpResult<ActorAnswer>, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, DocumentReads reads, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(reads);
        return reads.GetAsync<ActorView, ActorAnswer>(context, id, ActorView.Document, "actor", ActorAnswer.From, token);
    }

    private static string? Filters(IQueryCollection query, JsonObject filter)
    {
        if (ListQuery.Value(query, "role") is { } roleText)
        {
            if (!ListQuery.TryParseName<Role>(roleText, out var role))
            {
                return $"role must be one of {ListQuery.NamesOf<Role>()}";
            }
            filter["roles"] = new JsonArray(ListQuery.NameOf(role));
        }
        if (ListQuery.Value(query, "suspended") is { } suspended)
        {
            if (suspended is not ("true" or "false"))
            {
                return "suspended must be true or false";
            }
            filter["suspended"] = suspended == "true";
        }
        return null;
    }
}
