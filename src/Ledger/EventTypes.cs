using System.Collections.Frozen;
using Acgs.Ledger.Amendments;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Policies;
using Marten;

namespace Acgs.Ledger;

// The one registry of event type names (DESIGN §4.1): the name an actor signs as `type` is the name
// Marten stores, so a row's type column can be checked against its seal.
public static class EventTypes
{
    public const string LedgerCreated = "ledger-created";
    public const string ActorRegistered = "actor-registered";
    public const string ActorKeyRotated = "actor-key-rotated";
    public const string ActorKeyResetProposed = "actor-key-reset-proposed";
    public const string ActorKeyResetApproved = "actor-key-reset-approved";
    public const string ActorRolesChanged = "actor-roles-changed";
    public const string ActorSuspended = "actor-suspended";
    public const string ActorReinstated = "actor-reinstated";
    public const string ConstitutionAdopted = "constitution-adopted";
    public const string ConstitutionAmended = "constitution-amended";
    public const string AmendmentProposed = "amendment-proposed";
    public const string AmendmentVoteCast = "amendment-vote-cast";
    public const string AmendmentWithdrawn = "amendment-withdrawn";
    public const string AmendmentRatified = "amendment-ratified";
    public const string AmendmentRejected = "amendment-rejected";
    public const string PolicySynthesized = "policy-synthesized";
    public const string PolicyVerificationRecorded = "policy-verification-recorded";
    public const string PolicyCompiled = "policy-compiled";
    public const string PolicyActivated = "policy-activated";
    public const string PolicyRevoked = "policy-revoked";
    public const string PolicySuperseded = "policy-superseded";

    // The longest name a reader may ask for: anything longer is refused before it is looked up.
    public const int MaxNameLength = 64;

    public static readonly FrozenSet<string> Names = new[]
    {
        LedgerCreated, ActorRegistered, ActorKeyRotated, ActorKeyResetProposed, ActorKeyResetApproved,
        ActorRolesChanged, ActorSuspended, ActorReinstated, ConstitutionAdopted, ConstitutionAmended,
        AmendmentProposed, AmendmentVoteCast, AmendmentWithdrawn, AmendmentRatified, AmendmentRejected,
        PolicySynthesized, PolicyVerificationRecorded, PolicyCompiled, PolicyActivated, PolicyRevoked, PolicySuperseded,
    }.ToFrozenSet(StringComparer.Ordinal);

    public static StoreOptions RegisterEventTypes(this StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Events.MapEventType<LedgerCreated>(LedgerCreated);
        options.Events.MapEventType<ActorRegistered>(ActorRegistered);
        options.Events.MapEventType<ActorKeyRotated>(ActorKeyRotated);
        options.Events.MapEventType<ActorKeyResetProposed>(ActorKeyResetProposed);
        options.Events.MapEventType<ActorKeyResetApproved>(ActorKeyResetApproved);
        options.Events.MapEventType<ActorRolesChanged>(ActorRolesChanged);
        options.Events.MapEventType<ActorSuspended>(ActorSuspended);
        options.Events.MapEventType<ActorReinstated>(ActorReinstated);
        options.Events.MapEventType<ConstitutionAdopted>(ConstitutionAdopted);
        options.Events.MapEventType<ConstitutionAmended>(ConstitutionAmended);
        options.Events.MapEventType<AmendmentProposed>(AmendmentProposed);
        options.Events.MapEventType<AmendmentVoteCast>(AmendmentVoteCast);
        options.Events.MapEventType<AmendmentWithdrawn>(AmendmentWithdrawn);
        options.Events.MapEventType<AmendmentRatified>(AmendmentRatified);
        options.Events.MapEventType<AmendmentRejected>(AmendmentRejected);
        options.Events.MapEventType<PolicySynthesized>(PolicySynthesized);
        options.Events.MapEventType<PolicyVerificationRecorded>(PolicyVerificationRecorded);
        options.Events.MapEventType<PolicyCompiled>(PolicyCompiled);
        options.Events.MapEventType<PolicyActivated>(PolicyActivated);
        options.Events.MapEventType<PolicyRevoked>(PolicyRevoked);
        options.Events.MapEventType<PolicySuperseded>(PolicySuperseded);
        return options;
    }
}
