using System.Text.Json;
using Acgs.Ledger;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Acgs.Bench;

// A ledger with its genesis and the full submission pipeline, as the API host builds it, for the
// benchmarks that measure the sealed path.
internal sealed class SealedLedger : IDisposable
{
    private readonly DocumentStore store;
    private readonly NpgsqlDataSource dataSource;
    private readonly LedgerAuthority authority;
    private readonly SigningKey adminKey;

    private SealedLedger(DocumentStore store, NpgsqlDataSource dataSource, LedgerAuthority authority, SigningKey adminKey,
        IAppendPath path, IReadOnlyList<ActorRegistered> registrations)
    {
        this.store = store;
        this.dataSource = dataSource;
        this.authority = authority;
        this.adminKey = adminKey;
        Path = path;
        Registrations = registrations;
    }

    public IAppendPath Path { get; }

    public IReadOnlyList<ActorRegistered> Registrations { get; }

    public NpgsqlDataSource DataSource => dataSource;

    public LedgerAuthority Authority => authority;

    public SigningKey AdminKey => adminKey;

    public required SubmissionPipeline Pipeline { get; init; }

    public required Guid AdminId { get; init; }

    // The choke point's own workers append to actors of their own, so that both paths find every
    // stream at the version they expect.
    public IAppendPath? ChokePoint { get; private init; }

    public static async Task<SealedLedger> CreateAsync(string connection, IReadOnlyList<Guid> actors, CancellationToken token,
        IReadOnlyList<Guid>? chokePointActors = null)
    {
        var clock = new LedgerClock(TimeProvider.System);
        var ledgerKey = SigningKey.Generate();
        var systemKey = SigningKey.Generate();
        var adminKey = SigningKey.Generate();
        var genesis = GenesisDocument.Create("bench.local", ledgerKey, systemKey, adminKey,
            [new Principle("P1", "Transparency", "Every act is signed and recorded.", 1)],
            new MetaRules(3, 2, 3, 259_200, AbstentionRule.CountTowardQuorumOnly), DateTimeOffset.UtcNow);
        var created = genesis.LedgerCreated.Payload.Deserialize<LedgerCreated>(LedgerJson.Options)!;
        var authority = new LedgerAuthority(created.LedgerId, created.Origin, ledgerKey, systemKey, created.System.ActorId);

        var store = DocumentStore.For(options => options.ConfigureLedger(connection, clock));
        await LedgerSchema.ApplyAsync(store, token);
        await new GenesisWriter(store, authority).EnsureAsync(genesis, token);
        var dataSource = NpgsqlDataSource.Create(LedgerConfiguration.TuneConnection(connection));
        var services = new ServiceCollection().AddLedgerActs().BuildServiceProvider();
        var pipeline = new SubmissionPipeline(store, dataSource, authority, clock,
            services.GetRequiredService<GovernanceActs>(), services.GetRequiredService<VerifiedKeys>(), services.GetRequiredService<AppendHints>(),
            services.GetRequiredService<OutboxEnlistment>());

        var registrations = new List<ActorRegistered>();
        var register = new SubmissionRoute(null, new HashSet<string>([EventTypes.ActorRegistered], StringComparer.Ordinal));
        foreach (var actorId in actors.Concat(chokePointActors ?? []))
        {
            using var actorKey = SigningKey.Generate();
            var registration = new ActorRegistered(actorId, "bench " + actorId.ToString()[..8], [Role.Council], actorKey.PublicKey.ToBase64(),
                ProofOfPossession.For(created.LedgerId, actorId, actorKey.PublicKey).Sign(actorKey));
            var request = SignedRequestFactory.Sign(registration, EventTypes.ActorRegistered, created.LedgerId, created.Admin.ActorId,
                adminKey, actorId, 0, DateTimeOffset.UtcNow);
            var result = await pipeline.SubmitAsync(SignedRequestFactory.ToJson(request), register, token);
            if (result.Rejection is { } rejection)
            {
                throw new InvalidOperationException($"registering a bench actor failed: {rejection.Kind}: {rejection.Detail}");
            }
            registrations.Add(registration);
        }

        var path = new SealedAppendPath(pipeline, new SignedRoleChanges(created.LedgerId, created.Admin.ActorId, adminKey, actors));
        IAppendPath? chokePoint = null;
        if (chokePointActors is { Count: > 0 })
        {
            await using var session = store.LightweightSession();
            var admin = await session.Events.FetchLatest<ActorState>(created.Admin.ActorId, token)
                ?? throw new InvalidOperationException("the genesis Admin has no actor state");
            chokePoint = new ChokePointAppendPath(store, authority, VerificationKey.Parse(admin.PublicKey), admin, [.. registrations.Skip(actors.Count).Select(ActorState.Create)],
                new SignedRoleChanges(created.LedgerId, created.Admin.ActorId, adminKey, chokePointActors));
        }
        return new SealedLedger(store, dataSource, authority, adminKey, path, registrations.Take(actors.Count).ToList())
        {
            Pipeline = pipeline,
            AdminId = created.Admin.ActorId,
            ChokePoint = chokePoint,
        };
    }

    public void Dispose()
    {
        store.Dispose();
        dataSource.Dispose();
        authority.Dispose();
        adminKey.Dispose();
    }
}
