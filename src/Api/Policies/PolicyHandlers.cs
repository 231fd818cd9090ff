using Acgs.Ledger.Policies;
using Acgs.Ledger.Policies.Superseding;

namespace Acgs.Api.Policies;

// Durable local-queue handler: the message is only a reason to look at an activation; the
// superseder decides from the sealed events, so a duplicate or late delivery changes nothing.
public static class SupersedePolicyHandler
{
    public static Task Handle(SupersedePolicy message, PolicySuperseder superseder, CancellationToken token) =>
        superseder.SupersedeAsync(message.ActivatedPolicyId, token);
}
