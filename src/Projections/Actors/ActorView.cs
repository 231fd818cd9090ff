using Acgs.Ledger;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity.Verification;
using JasperFx;

namespace Acgs.Projections.Actors;

// A reset proposed by one Admin and awaiting another's approval: the key it would install, by id.
public sealed record PendingKeyId(Guid ResetId, KeyId KeyId);

// An actor as people look it up: who it is, what it may do, which key signs for it. Only the key's
// id is kept; the public key itself stays in the actor's events, and no private material exists here.
public sealed record ActorView(
    [property: Identity] Guid ActorId,
    string Name,
    IReadOnlyList<Role> Roles,
    KeyId KeyId,
    bool Suspended,
    long Version,
    PendingKeyId? PendingReset = null)
{
    public static readonly StreamDocument<ActorView> Document = new(
        EventTypes.ActorEvents,
        Fold);

    public static ActorView? Fold(ActorView? view, object data, long version) => (view, data) switch
    {
        (_, ActorRegistered registered) =>
            new ActorView(registered.ActorId, registered.Name, registered.Roles, KeyIdOf(registered.PublicKey), false, version),
        (null, _) => null,
        (_, ActorKeyRotated rotated) => view.At(version) with { KeyId = KeyIdOf(rotated.PublicKey), PendingReset = null },
        (_, ActorKeyResetProposed proposed) => view.At(version) with { PendingReset = new PendingKeyId(proposed.ResetId, KeyIdOf(proposed.PublicKey)) },
        // As ActorState: only the approval of the pending reset installs its key.
        (_, ActorKeyResetApproved approved) => view.PendingReset is { } pending && pending.ResetId == approved.ResetId
            ? view.At(version) with { KeyId = pending.KeyId, PendingReset = null }
            : view.At(version),
        (_, ActorRolesChanged changed) => view.At(version) with { Roles = changed.Roles },
        (_, ActorSuspended) => view.At(version) with { Suspended = true },
        (_, ActorReinstated) => view.At(version) with { Suspended = false },
        _ => view,
    };

    private ActorView At(long version) => this with { Version = version };

    private static KeyId KeyIdOf(string publicKey) => VerificationKey.Parse(publicKey).KeyId;
}
