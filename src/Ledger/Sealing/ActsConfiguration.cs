using Acgs.Ledger.Amendments.Deciding;
using Acgs.Ledger.Amendments.Proposing;
using Acgs.Ledger.Amendments.Voting;
using Acgs.Ledger.Amendments.Withdrawing;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Policies.Activating;
using Acgs.Ledger.Policies.Compiling;
using Acgs.Ledger.Policies.Revoking;
using Acgs.Ledger.Policies.Superseding;
using Acgs.Ledger.Policies.Synthesizing;
using Acgs.Ledger.Policies.Verifying;
using Microsoft.Extensions.DependencyInjection;

namespace Acgs.Ledger.Sealing;

public static class ActsConfiguration
{
    // Every act the ledger accepts; a submission type not listed here is refused by every route.
    public static IServiceCollection AddLedgerActs(this IServiceCollection services)
    {
        IGovernanceAct[] acts =
        [
            new RegisterActor(), new RotateKey(), new ProposeKeyReset(), new ApproveKeyReset(),
            new ChangeRoles(), new SuspendActor(), new ReinstateActor(),
            new ProposeAmendment(), new CastVote(), new WithdrawAmendment(),
            new SynthesizePolicy(), new RecordVerification(), new RecordCompilation(), new ActivatePolicy(), new RevokePolicy(),
        ];
        return services.AddSingleton(new GovernanceActs(acts)).AddSingleton<VerifiedKeys>().AddSingleton<AppendHints>().AddSingleton<OutboxEnlistment>()
            .AddSingleton<SystemActor>().AddSingleton<AmendmentEvaluator>().AddSingleton<PolicySuperseder>();
    }
}
