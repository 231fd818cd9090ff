using Acgs.Ledger.Amendments;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity.Verification;
using Acgs.Ledger.Policies;

namespace Acgs.Ledger;

// The inline snapshots decisions judge by (LedgerConfiguration), as level 4b replays them: Marten
// builds each with the state's own Create and Apply, and so does this fold.
public static class DecisionStates
{
    public static readonly StreamDocument<ActorState> Actor = new(
        EventTypes.ActorEvents,
        (state, data, _) => data switch
        {
            ActorRegistered registered => ActorState.Create(registered),
            ActorKeyRotated rotated => state?.Apply(rotated),
            ActorKeyResetProposed proposed => state?.Apply(proposed),
            ActorKeyResetApproved approved => state?.Apply(approved),
            ActorRolesChanged changed => state?.Apply(changed),
            ActorSuspended suspended => state?.Apply(suspended),
            ActorReinstated reinstated => state?.Apply(reinstated),
            _ => state,
        });

    public static readonly StreamDocument<ConstitutionState> Constitution = new(
        EventTypes.ConstitutionEvents,
        (state, data, _) => data switch
        {
            ConstitutionAdopted adopted => ConstitutionState.Create(adopted),
            ConstitutionAmended amended => state?.Apply(amended),
            _ => state,
        });

    public static readonly StreamDocument<AmendmentState> Amendment = new(
        EventTypes.AmendmentEvents,
        (state, data, _) => data switch
        {
            AmendmentProposed proposed => AmendmentState.Create(proposed),
            AmendmentVoteCast vote => state?.Apply(vote),
            AmendmentWithdrawn withdrawn => state?.Apply(withdrawn),
            AmendmentRatified ratified => state?.Apply(ratified),
            AmendmentRejected rejected => state?.Apply(rejected),
            _ => state,
        });

    public static readonly StreamDocument<PolicyState> Policy = new(
        EventTypes.PolicyEvents,
        (state, data, _) => data switch
        {
            PolicySynthesized synthesized => state is null ? PolicyState.Create(synthesized) : state.Apply(synthesized),
            PolicyVerificationRecorded recorded => state?.Apply(recorded),
            PolicyCompiled compiled => state?.Apply(compiled),
            PolicyActivated activated => state?.Apply(activated),
            PolicyRevoked revoked => state?.Apply(revoked),
            PolicySuperseded superseded => state?.Apply(superseded),
            _ => state,
        });

    public static IReadOnlyList<StreamDocument> Documents { get; } = [Actor, Constitution, Amendment, Policy];
}
