namespace Acgs.Ledger.Identity.Genesis;

public sealed record GenesisActor(Guid ActorId, string PublicKey);

// Version 1 of the ledger's own stream (its id is the ledger id). The keys named here judge the
// genesis events, which are signed before any actor stream exists (actorVersion 0). The origin is
// fixed here and never re-read from configuration: checkpoints name it forever.
public sealed record LedgerCreated(
    Guid LedgerId,
    string Origin,
    string LedgerKey,
    Guid ConstitutionId,
    GenesisActor System,
    GenesisActor Admin);
