using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Acgs.Ledger;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;
using Marten;
using Marten.Internal;

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

// Admin-signed role changes for each worker's own actor, as request bodies: each actor was
// registered by the setup, so its stream starts at version 1.
internal sealed class SignedRoleChanges(Guid ledgerId, Guid adminId, SigningKey adminKey, IReadOnlyList<Guid> actors)
{
    private readonly long[] versions = actors.Select(_ => 1L).ToArray();

    public IReadOnlyList<Guid> Actors => actors;

    public byte[][][] Next(int workers, int appendsPerWorker)
    {
        var now = DateTimeOffset.UtcNow;
        var bodies = new byte[workers][][];
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
        return bodies;
    }
}

// The ledger's whole write path after HTTP: parse, verify, idempotency, actor checks, decision,
// sealed append with its queued locks and bookkeeping rows, receipt.
internal sealed class SealedAppendPath(SubmissionPipeline pipeline, SignedRoleChanges changes) : IAppendPath
{
    private static readonly IReadOnlySet<string> RoleChangeTypes = new HashSet<string>([EventTypes.ActorRolesChanged], StringComparer.Ordinal);

    private byte[][][] bodies = [];

    public string Name => "sealed (SubmissionPipeline, Rich)";

    public void Prepare(int workers, int appendsPerWorker) => bodies = changes.Next(workers, appendsPerWorker);

    public async Task AppendAsync(int worker, int index, CancellationToken token)
    {
        var result = await pipeline.SubmitAsync(bodies[worker][index], new SubmissionRoute(changes.Actors[worker], RoleChangeTypes), token);
        if (result.Rejection is { } rejection)
        {
            throw new InvalidOperationException($"sealed append refused: {rejection.Kind}: {rejection.Detail}");
        }
    }
}

// The whole write path as a client sees it: the signed request posted to the API host over HTTP/1.1
// with keep-alive (one connection per concurrent worker), answered 201 with the receipt.
internal sealed class HttpAppendPath(HttpClient client, SignedRoleChanges changes) : IAppendPath
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly string[] routes = changes.Actors.Select(actorId => $"/v1/actors/{actorId}/roles").ToArray();
    private byte[][][] bodies = [];

    public string Name => "signed over HTTP (POST /v1/actors/{id}/roles)";

    public void Prepare(int workers, int appendsPerWorker) => bodies = changes.Next(workers, appendsPerWorker);

    public async Task AppendAsync(int worker, int index, CancellationToken token)
    {
        using var content = new ByteArrayContent(bodies[worker][index]);
        content.Headers.ContentType = Json;
        using var response = await client.PostAsync(routes[worker], content, token);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST {routes[worker]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(token)}");
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

// The least any sealed append can do under DESIGN §4.2–4.5, as a ceiling for the pipeline: the
// actor's signature verified, the event sealed at the choke point (seal, submission record, both
// triggers, the locks of §4.5 on the signer and the changed actor, the inline snapshot) and the
// receipt signed. Nothing is parsed and nothing is read before the append: the signer's key and both
// actor states are taken from memory, as a perfect cache would give them, and no act decides.
internal sealed class ChokePointAppendPath(IDocumentStore store, LedgerAuthority ledger, VerificationKey adminKey, ActorState admin,
    IReadOnlyList<ActorState> registered, SignedRoleChanges changes) : IAppendPath
{
    private readonly ActorState[] states = [.. registered];
    private readonly EventSeal?[] previousSeals = new EventSeal?[registered.Count];
    private (SignedRequest Request, ActorRolesChanged Payload)[][] requests = [];

    public string Name => "choke point only (no parse, no reads, no decision)";

    public void Prepare(int workers, int appendsPerWorker) =>
        requests = changes.Next(workers, appendsPerWorker)
            .Select(bodies => bodies.Select(Read).ToArray())
            .ToArray();

    private static (SignedRequest, ActorRolesChanged) Read(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        if (!SignedRequest.TryRead(document.RootElement.Clone(), out var request, out var error))
        {
            throw new InvalidOperationException($"{error.Path}: {error.Message}");
        }
        return (request, request.Payload.Deserialize<ActorRolesChanged>(LedgerJson.Options)!);
    }

    public async Task AppendAsync(int worker, int index, CancellationToken token)
    {
        var (request, payload) = requests[worker][index];
        var submission = request.Submission;
        if (!submission.VerifySignature(adminKey, request.Signature))
        {
            throw new InvalidOperationException("the bench's own signature does not verify");
        }
        var target = states[worker];
        await using var session = store.LightweightSession();
        session.QueueSqlCommand($"call {LedgerSchema.Schema}.assert_actor_head(?, ?)", admin.Id, admin.Version);
        var lockActor = ActorRules.LockActor(target.Id, submission.ExpectedVersion);
        session.QueueSqlCommand(lockActor.Sql, lockActor.Parameters);
        session.UseIdentityMapFor<ActorState>();
        var martenSession = (IMartenSession)session;
        martenSession.StorageFor<ActorState>().Store(martenSession, target);
        var stream = session.Events.Append(submission.StreamId, submission.ExpectedVersion + 1, payload);
        var pending = new PendingSeal(submission, request.Signature, admin.Version) { PreviousSeal = previousSeals[worker] };
        stream.Events.Single().SetHeader(PendingSeal.HeaderName, pending);
        await session.SaveChangesAsync(token);
        var seal = pending.Seal ?? throw new InvalidOperationException("the choke point handed back no seal");
        GC.KeepAlive(SealedAnswer.From(seal, ledger));
        previousSeals[worker] = seal;
        states[worker] = target.Apply(payload);
    }
}
