using Acgs.Ledger.Sealing;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Acgs.Ledger.Policies.Superseding;

// The one pure decision on a supersession (DESIGN §4.5): an activation supersedes the policy its
// synthesis names while that policy is still active; the activation's hash is the cause. The
// verifier can run it again on the recorded events.
public static class PolicySupersession
{
    public static PolicySuperseded? Decide(Guid activatedPolicyId, string activationHash, PolicyState? named) =>
        named is { Status: PolicyStatus.Active }
            ? new PolicySuperseded(named.Id, activatedPolicyId, [activationHash])
            : null;
}

// Has the System actor supersede what an activation replaces, from the sealed facts. Idempotent: a
// policy already superseded (or revoked meanwhile) is left alone, and two nodes deriving the same
// event collide at the same version.
public sealed class PolicySuperseder(IDocumentStore store, NpgsqlDataSource dataSource, SystemActor system, ILogger<PolicySuperseder> logger)
{
    // Another act on the superseded policy may land between the read and the append; each retry reads again.
    private const int Attempts = 3;

    public async Task<bool> SupersedeAsync(Guid activatedPolicyId, CancellationToken token)
    {
        var rows = await SealedStream.ReadAsync(dataSource, activatedPolicyId, token);
        var activation = rows.LastOrDefault(row => row.Type == EventTypes.PolicyActivated);
        if (activation is null)
        {
            logger.LogWarning("policy {PolicyId} has no activation to supersede from", activatedPolicyId);
            return false;
        }
        // The source in force is the last one synthesized before the activation, and so is what it replaces.
        var synthesis = rows.Last(row => row.Type == EventTypes.PolicySynthesized && row.Version < activation.Version).Read<PolicySynthesized>();
        if (synthesis.Supersedes is not { } namedId)
        {
            return false;
        }

        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            await using var query = store.QuerySession();
            var named = await query.LoadAsync<PolicyState>(namedId, token);
            if (PolicySupersession.Decide(activatedPolicyId, activation.Seal.Hash, named) is not { } superseded)
            {
                return false;
            }
            var appended = await system.AppendAsync(
                [new SystemEvent(namedId, named!.Version, EventTypes.PolicySuperseded, superseded)], [], token);
            if (appended)
            {
                return true;
            }
        }
        throw new InvalidOperationException($"policy {namedId} kept moving; its supersession by {activatedPolicyId} is left to a retry");
    }
}
