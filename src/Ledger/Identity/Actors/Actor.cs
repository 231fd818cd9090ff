namespace Acgs.Ledger.Identity.Actors;

// Roles name what an actor may submit; the System role is the ledger's own and is never granted
// to anyone registered later.
public enum Role
{
    Admin,
    Council,
    Proposer,
    Synthesizer,
    Verifier,
    Compiler,
    Auditor,
    System,
}

public sealed record ActorRegistered(Guid ActorId, string Name, IReadOnlyList<Role> Roles, string PublicKey, string ProofOfPossession);

public sealed record ActorKeyRotated(Guid ActorId, string PublicKey, string ProofOfPossession);

public sealed record ActorKeyResetProposed(Guid ActorId, Guid ResetId, Guid ProposedBy, string PublicKey, string ProofOfPossession, string Reason);

public sealed record ActorKeyResetApproved(Guid ActorId, Guid ResetId, Guid ApprovedBy);

public sealed record ActorRolesChanged(Guid ActorId, IReadOnlyList<Role> Roles);

public sealed record ActorSuspended(Guid ActorId, string Reason);

public sealed record ActorReinstated(Guid ActorId, string Reason);

public sealed record PendingKeyReset(Guid ResetId, Guid ProposedBy, string PublicKey);

// An actor as its own stream says at one version: the key that signs for it, its roles, whether it
// is suspended. Every append is judged by this state at the version it records as actorVersion.
public sealed record ActorState(
    Guid Id,
    string Name,
    IReadOnlyList<Role> Roles,
    string PublicKey,
    KeyId KeyId,
    bool Suspended,
    long Version,
    PendingKeyReset? PendingReset = null)
{
    public bool Has(Role role) => Roles.Contains(role);

    public static ActorState Create(ActorRegistered registered) =>
        new(registered.ActorId, registered.Name, registered.Roles, registered.PublicKey,
            KeyIdOf(registered.PublicKey), false, 1);

    public ActorState Apply(ActorKeyRotated rotated) =>
        this with { PublicKey = rotated.PublicKey, KeyId = KeyIdOf(rotated.PublicKey), PendingReset = null, Version = Version + 1 };

    public ActorState Apply(ActorKeyResetProposed proposed) =>
        this with { PendingReset = new PendingKeyReset(proposed.ResetId, proposed.ProposedBy, proposed.PublicKey), Version = Version + 1 };

    public ActorState Apply(ActorKeyResetApproved approved) =>
        PendingReset is { } reset && reset.ResetId == approved.ResetId
            ? this with { PublicKey = reset.PublicKey, KeyId = KeyIdOf(reset.PublicKey), PendingReset = null, Version = Version + 1 }
            : this with { Version = Version + 1 };

    public ActorState Apply(ActorRolesChanged changed) => this with { Roles = changed.Roles, Version = Version + 1 };

    public ActorState Apply(ActorSuspended suspended) => this with { Suspended = true, Version = Version + 1 };

    public ActorState Apply(ActorReinstated reinstated) => this with { Suspended = false, Version = Version + 1 };

    private static KeyId KeyIdOf(string publicKey) => VerificationKey.Parse(publicKey).KeyId;
}
