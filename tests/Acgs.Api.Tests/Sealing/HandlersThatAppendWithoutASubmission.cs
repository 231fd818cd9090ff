using Acgs.Ledger.Identity.Actors;
using Wolverine.Marten;

namespace Acgs.Api.Tests.Sealing;

// What a careless feature could write: Wolverine handlers that produce events with no signed
// submission behind them, through Wolverine's own Marten integration.
public sealed record SuspendWithoutASubmission(Guid ActorStateId, string Reason);

public sealed record StartStreamWithoutASubmission(Guid StreamId);

public static class SuspendWithoutASubmissionHandler
{
    [AggregateHandler]
    public static ActorSuspended Handle(SuspendWithoutASubmission command, ActorState actor)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        return new ActorSuspended(actor.Id, command.Reason);
    }
}

public static class StartStreamWithoutASubmissionHandler
{
    public static IStartStream Handle(StartStreamWithoutASubmission command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return MartenOps.StartStream<ActorState>(command.StreamId, new ActorSuspended(command.StreamId, "no submission"));
    }
}
