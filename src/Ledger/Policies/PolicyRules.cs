using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Ledger.Policies;

// Checks shared by the acts on a policy's stream.
public static class PolicyRules
{
    // Half of the largest signed request (AcgsApi.MaxRequestBodyBytes), leaving room for JSON
    // escaping and the rest of the envelope.
    public const int MaxSourceBytes = 128 * 1024;
    public const int MaxNameLength = 200;
    public const int MaxVersionLength = 100;
    public const int MaxProperties = 100;
    public const int MaxPropertyLength = 500;
    public const int MaxReasonLength = 2000;

    // Results kept per source hash: bounds the state every later act on the policy reads.
    public const int MaxResultsPerSource = 100;

    // The languages the compiler (PGC) accepts; anything else could never be activated.
    public static readonly IReadOnlySet<string> Languages = new HashSet<string>(StringComparer.Ordinal) { "rego" };

    public static ValueTask<PolicyState?> LoadAsync(ActContext context, Guid policyId, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Session.Events.FetchLatest<PolicyState>(policyId, token);
    }

    // The act changes an existing, still open policy, judged at the version the submitter saw.
    public static SubmissionRejection? CheckCurrent(Submission submission, PolicyState policy, Guid payloadPolicyId)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(policy);
        if (payloadPolicyId != submission.StreamId)
        {
            return SubmissionRejection.Invalid($"policyId {payloadPolicyId} is not the submission's stream {submission.StreamId}");
        }
        if (policy.IsClosed())
        {
            return SubmissionRejection.PolicyClosed(policy.Id, policy.Status.ToString().ToLowerInvariant());
        }
        return policy.Version == submission.ExpectedVersion
            ? null
            : SubmissionRejection.VersionConflict($"policy {policy.Id} is at version {policy.Version}, not {submission.ExpectedVersion}");
    }

    public static SubmissionRejection? CheckHash(string member, string? value) =>
        Sha256Hex.IsWellFormed(value) ? null : SubmissionRejection.Invalid($"{member}: {Sha256Hex.Length} lowercase hex characters (SHA-256)");

    // Results and activation are about one source: the one the policy holds now.
    public static SubmissionRejection? CheckSourceHash(PolicyState policy, string sourceHash)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return CheckHash("sourceHash", sourceHash)
            ?? (string.Equals(sourceHash, policy.SourceHash, StringComparison.Ordinal) ? null : SubmissionRejection.StaleSourceHash(sourceHash, policy.SourceHash));
    }

    public static SubmissionRejection? CheckResultRoom(int recorded) => recorded < MaxResultsPerSource
        ? null
        : SubmissionRejection.Invalid($"at most {MaxResultsPerSource} results are recorded per source hash; resynthesize to record more");

    public static SubmissionRejection NotFound(Guid policyId) => SubmissionRejection.NotFound($"no policy {policyId}");
}
