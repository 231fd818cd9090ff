using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;

namespace Acgs.Api.Tests.Amendments;

// A ledger of its own, so that its Council is exactly the members registered here: three Council
// members (the quorum) and a Proposer, under a voting window short enough to watch close.
public sealed class GovernanceHostFixture : IAsyncLifetime
{
    public static readonly string Database = TestEnvironment.DatabaseName("acgs_test_governance");

    public static readonly MetaRules Rules = new(3, 2, 3, 15, AbstentionRule.CountTowardQuorumOnly);

    private LedgerHost? host;

    public LedgerHost Host => host ?? throw new InvalidOperationException("host not started");

    public GovernanceScenario Scenario { get; private set; } = null!;

    public IReadOnlyList<(Guid ActorId, SigningKey Key)> Council { get; private set; } = [];

    public (Guid ActorId, SigningKey Key) Proposer { get; private set; }

    public async Task InitializeAsync()
    {
        var postgres = await TestEnvironment.RecreateDatabaseAsync(Database);
        host = await LedgerHost.StartAsync(postgres, TestEnvironment.Redis, TestLedger.Create(Rules), ownsLedger: true);
        Scenario = new GovernanceScenario(host);
        Council = await Scenario.RegisterAsync(3, Role.Council);
        Proposer = await Scenario.Submitter.RegisterAsync(Role.Proposer);
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class GovernanceHostCollection : ICollectionFixture<GovernanceHostFixture>
{
    public const string Name = "governance host";
}
