using Acgs.Ledger.Integrity;

namespace Acgs.Ledger.Sealing;

// What an HTTP route accepts: a route with `{id}` names the stream, and each route takes only its
// own submission types, so a signature made for one act cannot be replayed at another's URL.
public sealed record SubmissionRoute(Guid? StreamId, IReadOnlySet<string> Types)
{
    public string? RefusalFor(Submission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (StreamId is { } streamId && submission.StreamId != streamId)
        {
            return $"submission.streamId {submission.StreamId} is not the route's {streamId}";
        }
        return Types.Contains(submission.Type)
            ? null
            : $"submission.type {submission.Type} is not accepted here (accepted: {string.Join(", ", Types.Order(StringComparer.Ordinal))})";
    }
}

public sealed class GovernanceActs
{
    private readonly Dictionary<string, IGovernanceAct> byType;

    public GovernanceActs(IEnumerable<IGovernanceAct> acts) =>
        byType = acts.ToDictionary(act => act.Type, StringComparer.Ordinal);

    public IGovernanceAct? Find(string type) => byType.GetValueOrDefault(type);

    public IEnumerable<IGovernanceAct> All => byType.Values;
}
