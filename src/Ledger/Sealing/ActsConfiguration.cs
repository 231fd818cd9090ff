using Acgs.Ledger.Identity.Actors;
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
        ];
        return services.AddSingleton(new GovernanceActs(acts)).AddSingleton<VerifiedKeys>();
    }
}
