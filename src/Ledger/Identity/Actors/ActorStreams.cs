using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;
using Marten;

namespace Acgs.Ledger.Identity.Actors;

public static class ActorStreams
{
    public static ValueTask<ActorState?> LoadAsync(ActContext context, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(context);
        // An actor acting on its own stream was loaded already, to judge its key.
        if (context.Signer.Id == context.Submission.StreamId)
        {
            return ValueTask.FromResult<ActorState?>(context.Signer);
        }
        // Read already, in the pipeline's one round trip before the decision.
        return context.Target is { } read
            ? ValueTask.FromResult(read.State)
            : context.Session.Events.FetchLatest<ActorState>(context.Submission.StreamId, token);
    }

    // The act changes an existing actor, judged at the version the submitter saw.
    public static SubmissionRejection? CheckCurrent(Submission submission, ActorState? target)
    {
        if (target is null)
        {
            return SubmissionRejection.Invalid($"no actor {submission.StreamId}");
        }
        return target.Version == submission.ExpectedVersion
            ? null
            : SubmissionRejection.VersionConflict($"actor {target.Id} is at version {target.Version}, not {submission.ExpectedVersion}");
    }
}
