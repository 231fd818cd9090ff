using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Ledger.Policies.Compiling;

// PGC records what it compiled, naming the source by hash: only a compilation of the current
// source can be the artifact an activation puts in force.
public sealed class RecordCompilation : GovernanceAct<PolicyCompiled>
{
    public override string Type => EventTypes.PolicyCompiled;

    public override string? Authorize(ActorState signer, Submission submission) =>
        signer.Has(Role.Compiler) ? null : "only a Compiler (PGC) may record a compilation";

    protected override async Task<ActOutcome> DecideAsync(ActContext context, PolicyCompiled payload, CancellationToken token) =>
        Decide(context.Submission, await PolicyRules.LoadAsync(context, context.Submission.StreamId, token), payload);

    public static ActOutcome Decide(Submission submission, PolicyState? policy, PolicyCompiled payload)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(payload);
        if (policy is null)
        {
            return ActOutcome.Reject(PolicyRules.NotFound(submission.StreamId));
        }
        var problem = PolicyRules.CheckCurrent(submission, policy, payload.PolicyId)
            ?? ActorRules.CheckText("target", payload.Target, PolicyRules.MaxNameLength)
            ?? PolicyRules.CheckHash("artifactHash", payload.ArtifactHash)
            ?? ActorRules.CheckText("compiler", payload.Compiler, PolicyRules.MaxNameLength)
            ?? ActorRules.CheckText("compilerVersion", payload.CompilerVersion, PolicyRules.MaxVersionLength)
            ?? PolicyRules.CheckSourceHash(policy, payload.SourceHash)
            ?? PolicyRules.CheckResultRoom(policy.Compilations.Count);
        return problem is null ? ActOutcome.Accept(payload) : ActOutcome.Reject(problem);
    }
}
