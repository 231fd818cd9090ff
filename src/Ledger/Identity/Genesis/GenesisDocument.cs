using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Ledger.Identity.Genesis;

// The ledger's first four events, signed offline by `acgs init` (DESIGN §4.5): LedgerCreated, the
// System and Admin actors, constitution version 1 — each signed by the first Admin at actorVersion 0,
// and LedgerCreated also by the ledger key. The API appends it once, into an empty ledger.
public sealed record GenesisDocument(
    SignedRequest LedgerCreated,
    string LedgerSignature,
    SignedRequest SystemActor,
    SignedRequest AdminActor,
    SignedRequest Constitution)
{
    public IReadOnlyList<SignedRequest> Requests => [LedgerCreated, SystemActor, AdminActor, Constitution];

    public static GenesisDocument Create(
        string host,
        SigningKey ledgerKey,
        SigningKey systemKey,
        SigningKey adminKey,
        IReadOnlyList<Principle> principles,
        MetaRules metaRules,
        DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentNullException.ThrowIfNull(ledgerKey);
        ArgumentNullException.ThrowIfNull(systemKey);
        ArgumentNullException.ThrowIfNull(adminKey);
        var ledgerId = Guid.CreateVersion7();
        var systemId = Guid.CreateVersion7();
        var adminId = Guid.CreateVersion7();
        var constitutionId = Guid.CreateVersion7();
        var created = new LedgerCreated(
            ledgerId,
            $"{host}/acgs/{ledgerId:D}",
            ledgerKey.PublicKey.ToBase64(),
            constitutionId,
            new GenesisActor(systemId, systemKey.PublicKey.ToBase64()),
            new GenesisActor(adminId, adminKey.PublicKey.ToBase64()));

        SignedRequest SignByAdmin<T>(T payload, string type, Guid streamId) =>
            SignedRequestFactory.Sign(payload, type, ledgerId, adminId, adminKey, streamId, 0, now);

        ActorRegistered Register(Guid actorId, string name, Role role, SigningKey key) =>
            new(actorId, name, [role], key.PublicKey.ToBase64(),
                ProofOfPossession.For(ledgerId, actorId, key.PublicKey).Sign(key));

        var ledgerCreated = SignByAdmin(created, EventTypes.LedgerCreated, ledgerId);
        return new GenesisDocument(
            ledgerCreated,
            LedgerGenesisSignature.Sign(ledgerKey, ledgerCreated.Submission),
            SignByAdmin(Register(systemId, "System", Role.System, systemKey), EventTypes.ActorRegistered, systemId),
            SignByAdmin(Register(adminId, "Admin", Role.Admin, adminKey), EventTypes.ActorRegistered, adminId),
            SignByAdmin(new ConstitutionAdopted(constitutionId, principles, metaRules), EventTypes.ConstitutionAdopted, constitutionId));
    }
}
