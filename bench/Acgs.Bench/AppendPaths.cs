using Acgs.Ledger;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Sealing;
using Marten;

namespace Acgs.Bench;

// One way of appending a role change to a worker's own actor stream, one event per transaction.
// Prepare does everything that is not the append itself (signing included), outside the clock.
internal interface IAppendPath
{
    string Name { get; }

    void Prepare(int workers, int appendsPerWorker);

    Task AppendAsync(int worker, int index, CancellationToken token);
}

// The payloads every path appends: the same records, alternating between two role sets so that
// each is a real change.
internal static class RoleChanges
{
    public static ActorRolesChanged At(Guid actorId, long version) =>
        new(actorId, version % 2 == 0 ? [Role.Council] : [Role.Council, Role.Auditor]);
}

// The ledger's whole write path after HTTP: parse, verify, idempotency, actor checks, decision,
// sealed append with its queued locks and bookkeeping rows, receipt.
internal sealed class SealedAppendPath(SubmissionPipeline pipeline, Guid ledgerId, Guid adminId, SigningKey adminKey, IReadOnlyList<Guid> actors)
    : IAppendPath
{
    private static readonly IReadOnlySet<string> RoleChangeTypes = new HashSet<string>([EventTypes.ActorRolesChanged], StringComparer.Ordinal);

    // Each actor was registered by the setup: its stream is at version 1.
    private readonly long[] versions = actors.Select(_ => 1L).ToArray();
    private byte[][][] bodies = [];

    public string Name => "sealed (SubmissionPipeline, Rich)";

    public void Prepare(int workers, int appendsPerWorker)
    {
        var now = DateTimeOffset.UtcNow;
        bodies = new byte[workers][][];
        for (var worker = 0; worker < workers; worker++)
        {
            var actorId = actors[worker];
            bodies[worker] = new byte[appendsPerWorker][];
            for (var index = 0; index < appendsPerWorker; index++)
            {
                var version = versions[worker]++;
                var request = SignedRequestFactory.Sign(RoleChanges.At(actorId, version), EventTypes.ActorRolesChanged,
                    ledgerId, adminId, adminKey, actorId, version, now);
                bodies[worker][index] = SignedRequestFactory.ToJson(request);
            }
        }
    }

    public async Task AppendAsync(int worker, int index, CancellationToken token)
    {
        var result = await pipeline.SubmitAsync(bodies[worker][index], new SubmissionRoute(actors[worker], RoleChangeTypes), token);
        if (result.Rejection is { } rejection)
        {
            throw new InvalidOperationException($"sealed append refused: {rejection.Kind}: {rejection.Detail}");
        }
    }
}

// Marten alone: the same record appended at the expected version in a lightweight session of its
// own, no listener, no headers, no projection.
internal sealed class PlainAppendPath(string name, IDocumentStore store, IReadOnlyList<Guid> actors) : IAppendPath
{
    private readonly long[] versions = actors.Select(_ => 1L).ToArray();
    private (long Version, ActorRolesChanged Payload)[][] appends = [];

    public string Name => name;

    public void Prepare(int workers, int appendsPerWorker)
    {
        appends = new (long, ActorRolesChanged)[workers][];
        for (var worker = 0; worker < workers; worker++)
        {
            appends[worker] = new (long, ActorRolesChanged)[appendsPerWorker];
            for (var index = 0; index < appendsPerWorker; index++)
            {
                var version = versions[worker]++;
                appends[worker][index] = (version, RoleChanges.At(actors[worker], version));
            }
        }
    }

    public async Task AppendAsync(int worker, int index, CancellationToken token)
    {
        var (version, payload) = appends[worker][index];
        await using var session = store.LightweightSession();
        session.Events.Append(actors[worker], version + 1, payload);
        await session.SaveChangesAsync(token);
    }
}
