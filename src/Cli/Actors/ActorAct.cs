namespace Acgs.Cli.Actors;

// One signed write (about an actor, or a policy): the route it is posted to and what is signed there, by whom.
// Note is shown on success for an id the command chose (a new actor's, a key reset's, a policy's), which later
// commands need.
internal sealed record ActorAct(
    string Path,
    string Type,
    Guid StreamId,
    long ExpectedVersion,
    Guid SignerId,
    object Payload,
    string? Note = null)
{
    public static string ActorPath(Guid actorId, string resource) => $"/v1/actors/{actorId:D}/{resource}";
}
