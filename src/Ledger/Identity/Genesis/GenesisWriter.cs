using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;
using JasperFx.Events;
using Marten;

namespace Acgs.Ledger.Identity.Genesis;

// Appends the genesis document into an empty ledger, once, through the same choke point as every
// other event; on later starts it only confirms the database holds this ledger. Anything that does
// not check out stops the host: a ledger must never start on keys or a history it cannot vouch for.
public sealed class GenesisWriter(IDocumentStore store, LedgerAuthority ledger)
{
    public async Task EnsureAsync(GenesisDocument genesis, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        var created = Validate(genesis, ledger);

        await using var session = store.LightweightSession();
        var existing = await session.Events.FetchStreamStateAsync(created.LedgerId, token);
        if (existing is not null)
        {
            var first = await session.Events.FetchStreamAsync(created.LedgerId, version: 1, token: token);
            if (first.Single().Data is not LedgerCreated stored || stored != created)
            {
                throw new InvalidOperationException($"stream {created.LedgerId} does not hold this genesis");
            }
            return;
        }
        var others = await session.AdvancedSql.QueryAsync<bool>(
            $"select exists (select 1 from {LedgerSchema.Schema}.mt_events where stream_id <> ?)", token, Tombstone.StreamId);
        if (others.Single())
        {
            throw new InvalidOperationException($"the database already holds events of another ledger, not {created.LedgerId}");
        }

        foreach (var request in genesis.Requests)
        {
            var stream = session.Events.StartStream(request.Submission.StreamId, Payload(request));
            stream.Events.Single().SetHeader(PendingSeal.HeaderName, new PendingSeal(request.Submission, request.Signature, 0));
        }
        foreach (var actor in new[] { created.System, created.Admin })
        {
            var reserve = ActorRules.ReserveKey(actor.ActorId, actor.PublicKey);
            session.QueueSqlCommand(reserve.Sql, reserve.Parameters);
        }
        await session.SaveChangesAsync(token);
    }

    public static LedgerCreated Validate(GenesisDocument genesis, LedgerAuthority ledger)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentNullException.ThrowIfNull(ledger);
        var created = Read<LedgerCreated>(genesis.LedgerCreated);
        var adminKey = VerificationKey.Parse(created.Admin.PublicKey);
        Require(created.LedgerId == ledger.LedgerId, "the genesis names another ledger id than the configured one");
        Require(created.LedgerKey == ledger.LedgerKey.PublicKey.ToBase64(), "the configured ledger key is not the one in LedgerCreated");
        Require(created.System.PublicKey == ledger.SystemKey.PublicKey.ToBase64(), "the configured System key is not the one in LedgerCreated");
        Require(LedgerGenesisSignature.Verify(VerificationKey.Parse(created.LedgerKey), genesis.LedgerCreated.Submission, genesis.LedgerSignature),
            "the ledger key's genesis signature does not verify");

        var expected = new (SignedRequest Request, string Type, Guid Stream)[]
        {
            (genesis.LedgerCreated, EventTypes.LedgerCreated, created.LedgerId),
            (genesis.SystemActor, EventTypes.ActorRegistered, created.System.ActorId),
            (genesis.AdminActor, EventTypes.ActorRegistered, created.Admin.ActorId),
            (genesis.Constitution, EventTypes.ConstitutionAdopted, created.ConstitutionId),
        };
        foreach (var (request, type, stream) in expected)
        {
            var submission = request.Submission;
            Require(submission.LedgerId == created.LedgerId && submission.ActorId == created.Admin.ActorId
                && submission.Type == type && submission.StreamId == stream && submission.ExpectedVersion == 0,
                $"genesis submission {submission.SubmissionId} does not describe {type} at stream {stream}");
            Require(PayloadHash.Matches(request.Payload, submission.PayloadHash), $"genesis {type}: payload does not match its hash");
            Require(submission.VerifySignature(adminKey, request.Signature), $"genesis {type}: the Admin's signature does not verify");
        }

        CheckActor(Read<ActorRegistered>(genesis.SystemActor), created.System, Role.System, created.LedgerId);
        CheckActor(Read<ActorRegistered>(genesis.AdminActor), created.Admin, Role.Admin, created.LedgerId);
        Require(Read<ConstitutionAdopted>(genesis.Constitution).ConstitutionId == created.ConstitutionId,
            "the genesis constitution is not the one LedgerCreated names");
        return created;
    }

    private static void CheckActor(ActorRegistered registered, GenesisActor expected, Role role, Guid ledgerId)
    {
        Require(registered.ActorId == expected.ActorId && registered.PublicKey == expected.PublicKey
            && registered.Roles.SequenceEqual([role]), $"the genesis {role} actor is not the one LedgerCreated names");
        Require(ActorRules.CheckNewKey(ledgerId, registered.ActorId, registered.PublicKey, registered.ProofOfPossession) is null,
            $"the genesis {role} actor's key or proof of possession does not verify");
    }

    private static object Payload(SignedRequest request) => request.Submission.Type switch
    {
        EventTypes.LedgerCreated => Read<LedgerCreated>(request),
        EventTypes.ActorRegistered => Read<ActorRegistered>(request),
        EventTypes.ConstitutionAdopted => Read<ConstitutionAdopted>(request),
        var other => throw new InvalidOperationException($"{other} is not a genesis event"),
    };

    private static T Read<T>(SignedRequest request) =>
        LedgerJson.TryDeserializeExact<T>(request.Payload, out var value, out var error)
            ? value
            : throw new InvalidOperationException($"genesis {request.Submission.Type}: {error.Path}: {error.Message}");

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException("invalid genesis: " + problem);
        }
    }
}
