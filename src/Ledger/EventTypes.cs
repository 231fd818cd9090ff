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

    // Each stored name with the record its data is read as: the one list Marten's mapping, the set of
    // names readers may filter on, and the replays of level 4b are all taken from.
    private static readonly (string Name, Type Record)[] Registry =
    [
        (LedgerCreated, typeof(LedgerCreated)),
        (ActorRegistered, typeof(ActorRegistered)),
        (ActorKeyRotated, typeof(ActorKeyRotated)),
        (ActorKeyResetProposed, typeof(ActorKeyResetProposed)),
        (ActorKeyResetApproved, typeof(ActorKeyResetApproved)),
        (ActorRolesChanged, typeof(ActorRolesChanged)),
        (ActorSuspended, typeof(ActorSuspended)),
        (ActorReinstated, typeof(ActorReinstated)),
        (ConstitutionAdopted, typeof(ConstitutionAdopted)),
        (ConstitutionAmended, typeof(ConstitutionAmended)),
        (AmendmentProposed, typeof(AmendmentProposed)),
        (AmendmentVoteCast, typeof(AmendmentVoteCast)),
        (AmendmentWithdrawn, typeof(AmendmentWithdrawn)),
        (AmendmentRatified, typeof(AmendmentRatified)),
        (AmendmentRejected, typeof(AmendmentRejected)),
        (PolicySynthesized, typeof(PolicySynthesized)),
        (PolicyVerificationRecorded, typeof(PolicyVerificationRecorded)),
        (PolicyCompiled, typeof(PolicyCompiled)),
        (PolicyActivated, typeof(PolicyActivated)),
        (PolicyRevoked, typeof(PolicyRevoked)),
        (PolicySuperseded, typeof(PolicySuperseded)),
    ];

    public static readonly FrozenSet<string> Names = Registry.Select(entry => entry.Name).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<Type, string> NamesByRecord = Registry.ToFrozenDictionary(entry => entry.Record, entry => entry.Name);

    // The stored names of the given records, for a document that follows them.
    private static IReadOnlyDictionary<string, Type> Of(params Type[] records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.ToDictionary(record => NamesByRecord[record], record => record, StringComparer.Ordinal);
    }

    public static StoreOptions RegisterEventTypes(this StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (name, record) in Registry)
        {
            options.Events.MapEventType(record, name);
        }
        return options;
    }

    // The events of each kind of stream, for the documents that follow one (declared after the registry
    // they are read from: static fields initialise in order).
    public static readonly IReadOnlyDictionary<string, Type> ActorEvents = Of(typeof(ActorRegistered), typeof(ActorKeyRotated),
        typeof(ActorKeyResetProposed), typeof(ActorKeyResetApproved), typeof(ActorRolesChanged), typeof(ActorSuspended), typeof(ActorReinstated));

    public static readonly IReadOnlyDictionary<string, Type> ConstitutionEvents = Of(typeof(ConstitutionAdopted), typeof(ConstitutionAmended));

    public static readonly IReadOnlyDictionary<string, Type> AmendmentEvents = Of(typeof(AmendmentProposed), typeof(AmendmentVoteCast),
        typeof(AmendmentWithdrawn), typeof(AmendmentRatified), typeof(AmendmentRejected));

    public static readonly IReadOnlyDictionary<string, Type> PolicyEvents = Of(typeof(PolicySynthesized), typeof(PolicyVerificationRecorded),
        typeof(PolicyCompiled), typeof(PolicyActivated), typeof(PolicyRevoked), typeof(PolicySuperseded));
}
