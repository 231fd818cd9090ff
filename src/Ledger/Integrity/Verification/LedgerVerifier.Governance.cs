using System.Text.Json;
using Acgs.Ledger.Amendments;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Policies;
using Acgs.Ledger.Policies.Superseding;
using Acgs.Ledger.Sealing;
using Npgsql;

namespace Acgs.Ledger.Integrity.Verification;

// Level 4a of DESIGN §4.7: every System event is re-derived from the sealed facts before it with
// the same pure decision the System actor ran, and must be exactly what that decision gives —
// outcome, reason, tally and causes. Levels 1 to 3 have judged the bytes; this judges the authority.
public sealed partial class LedgerVerifier
{
    private static async Task CheckGovernanceAsync(NpgsqlConnection connection, FindingCollector findings, CancellationToken token)
    {
        // One scan of the events finds both the genesis and the System's events.
        var rows = await SealedStream.ReadReadableAsync(
            connection, "type = any($1)", token, (object)SystemActor.AllowedTypes.Append(EventTypes.LedgerCreated).ToArray());
        var created = rows.Where(row => row.Type == EventTypes.LedgerCreated)
            .Select(row => row.TryRead<LedgerCreated>(out var value) ? value : null)
            .FirstOrDefault(value => value is not null);
        var derived = rows.Where(row => SystemActor.AllowedTypes.Contains(row.Type)).ToList();
        if (created is null || derived.Count == 0)
        {
            return;
        }
        var constitution = await ReadConstitutionAsync(connection, created.ConstitutionId, token);
        foreach (var row in derived)
        {
            var problem = row.Seal.Input.Submission.ActorId != created.System.ActorId
                ? $"{row.Type} is signed by actor {row.Seal.Input.Submission.ActorId}, not the System actor"
                : row.Type switch
                {
                    EventTypes.AmendmentRatified or EventTypes.AmendmentRejected => await JudgeAmendmentDecisionAsync(connection, row, constitution, token),
                    EventTypes.ConstitutionAmended => await JudgeConstitutionAmendedAsync(connection, row, token),
                    EventTypes.PolicySuperseded => await JudgeSupersessionAsync(connection, row, token),
                    _ => $"{row.Type} is not a System event",
                };
            if (problem is not null)
            {
                findings.Add(FindingKind.UnjustifiedEvent, row.Sequence, row.StreamId, row.Version, problem);
            }
        }
    }

    private sealed record ConstitutionVersion(long Sequence, ConstitutionState State);

    // The constitution's versions in order; each version is one event of its stream.
    private static async Task<IReadOnlyList<ConstitutionVersion>> ReadConstitutionAsync(NpgsqlConnection connection, Guid constitutionId, CancellationToken token)
    {
        var versions = new List<ConstitutionVersion>();
        ConstitutionState? state = null;
        foreach (var row in await SealedStream.ReadReadableAsync(connection, "stream_id = $1", token, constitutionId))
        {
            if (row.Type == EventTypes.ConstitutionAdopted && state is null && row.TryRead<ConstitutionAdopted>(out var adopted))
            {
                state = ConstitutionState.Create(adopted);
            }
            else if (row.Type == EventTypes.ConstitutionAmended && state is not null && row.TryRead<ConstitutionAmended>(out var amended))
            {
                state = state.Apply(amended);
            }
            else
            {
                continue;
            }
            versions.Add(new ConstitutionVersion(row.Sequence, state));
        }
        return versions;
    }

    private static async Task<string?> JudgeAmendmentDecisionAsync(
        NpgsqlConnection connection, SealedRow row, IReadOnlyList<ConstitutionVersion> constitution, CancellationToken token)
    {
        var before = await SealedStream.ReadReadableAsync(connection, "stream_id = $1 and version < $2", token, row.StreamId, row.Version);
        if (before.Count == 0 || before[0].Type != EventTypes.AmendmentProposed || !before[0].TryRead<AmendmentProposed>(out var proposal))
        {
            return "no readable proposal precedes it in its stream";
        }
        if (before.Skip(1).Any(earlier => earlier.Type is EventTypes.AmendmentRatified or EventTypes.AmendmentRejected or EventTypes.AmendmentWithdrawn))
        {
            return "the amendment was already decided or withdrawn";
        }
        var votes = new List<RecordedVote>();
        foreach (var vote in before.Where(earlier => earlier.Type == EventTypes.AmendmentVoteCast))
        {
            if (vote.TryRead<AmendmentVoteCast>(out var cast))
            {
                votes.Add(new RecordedVote(cast.VoterId, cast.Choice, vote.Seal.Input.RecordedAt, vote.Seal.Hash));
            }
        }

        AmendmentStatus recordedOutcome;
        AmendmentRejectionReason? recordedReason = null;
        Tally recordedTally;
        IReadOnlyList<string> recordedCauses;
        ConstitutionVersion? judgedAgainst;
        if (row.Type == EventTypes.AmendmentRatified)
        {
            if (!row.TryRead<AmendmentRatified>(out var ratified))
            {
                return "the ratification cannot be read";
            }
            (recordedOutcome, recordedTally, recordedCauses) = (AmendmentStatus.Ratified, ratified.Tally, ratified.Causes);
            // Judged against the version the ratification replaced; the new version must be its own.
            var made = constitution.FirstOrDefault(version => version.State.Version == ratified.ConstitutionVersion);
            judgedAgainst = constitution.FirstOrDefault(version => version.State.Version == ratified.ConstitutionVersion - 1);
            if (made is null || made.Sequence > row.Sequence)
            {
                return $"no constitution version {ratified.ConstitutionVersion} was made with it";
            }
        }
        else
        {
            if (!row.TryRead<AmendmentRejected>(out var rejected))
            {
                return "the rejection cannot be read";
            }
            (recordedOutcome, recordedReason, recordedTally, recordedCauses) = (AmendmentStatus.Rejected, rejected.Reason, rejected.Tally, rejected.Causes);
            judgedAgainst = constitution.LastOrDefault(version => version.Sequence < row.Sequence);
        }
        if (judgedAgainst is null)
        {
            return "the constitution it was judged against cannot be replayed";
        }

        var verdict = AmendmentDecision.Judge(proposal, before[0].Seal.Hash, judgedAgainst.State.MetaRules, votes,
            judgedAgainst.State.Version, row.Seal.Input.RecordedAt);
        if (verdict.Outcome != recordedOutcome || verdict.Reason != recordedReason)
        {
            var derived = verdict.Reason is { } reason ? $"{verdict.Outcome} ({reason})" : verdict.Outcome.ToString();
            return $"the recorded votes give {derived} at {LedgerTimestamp.Format(row.Seal.Input.RecordedAt)}, with tally {Describe(verdict.Tally)}";
        }
        if (verdict.Tally != recordedTally)
        {
            return $"the tally {Describe(recordedTally)} is not the recorded votes' {Describe(verdict.Tally)}";
        }
        return verdict.Causes.SequenceEqual(recordedCauses, StringComparer.Ordinal)
            ? null
            : "its causes are not the proposal and the counted votes";
    }

    // A constitution version exists only with the ratification that made it, and says what was ratified.
    private static async Task<string?> JudgeConstitutionAmendedAsync(NpgsqlConnection connection, SealedRow row, CancellationToken token)
    {
        if (!row.TryRead<ConstitutionAmended>(out var amended))
        {
            return "the amendment of the constitution cannot be read";
        }
        var stream = await SealedStream.ReadReadableAsync(connection, "stream_id = $1", token, amended.AmendmentId);
        if (stream.Count == 0 || !stream[0].TryRead<AmendmentProposed>(out var proposal))
        {
            return $"no amendment {amended.AmendmentId} was proposed";
        }
        var ratification = stream.FirstOrDefault(candidate => candidate.Type == EventTypes.AmendmentRatified);
        if (ratification is null || !ratification.TryRead<AmendmentRatified>(out var ratified) || ratified.ConstitutionVersion != amended.Version)
        {
            return $"amendment {amended.AmendmentId} has no ratification making version {amended.Version}";
        }
        if (amended.Version != row.Version || proposal.BaseVersion + 1 != amended.Version)
        {
            return $"version {amended.Version} is not the version after the amendment's base {proposal.BaseVersion}";
        }
        if (!SameJson(amended.Changes, proposal.Changes))
        {
            return "its changes are not the ones proposed and voted on";
        }
        return amended.Causes.SequenceEqual(ratified.Causes, StringComparer.Ordinal) ? null : "its causes are not its ratification's";
    }

    // A policy is superseded only by the activation of a policy synthesized to supersede it.
    private static async Task<string?> JudgeSupersessionAsync(NpgsqlConnection connection, SealedRow row, CancellationToken token)
    {
        if (!row.TryRead<PolicySuperseded>(out var superseded) || superseded.Causes.Count != 1)
        {
            return "the supersession cannot be read or does not name one activation";
        }
        var successor = await SealedStream.ReadReadableAsync(connection, "stream_id = $1", token, superseded.SupersededBy);
        var activation = successor.FirstOrDefault(candidate => candidate.Seal.Hash == superseded.Causes[0]);
        if (activation is null || activation.Type != EventTypes.PolicyActivated || activation.Sequence > row.Sequence)
        {
            return $"its cause is no earlier activation of policy {superseded.SupersededBy}";
        }
        var synthesis = successor.LastOrDefault(candidate => candidate.Type == EventTypes.PolicySynthesized && candidate.Version < activation.Version);
        if (synthesis is null || !synthesis.TryRead<PolicySynthesized>(out var synthesized) || synthesized.Supersedes != superseded.PolicyId)
        {
            return $"policy {superseded.SupersededBy} was not synthesized to supersede policy {superseded.PolicyId}";
        }
        var named = ReplayPolicy(await SealedStream.ReadReadableAsync(connection, "stream_id = $1 and version < $2", token, row.StreamId, row.Version));
        var derived = PolicySupersession.Decide(superseded.SupersededBy, activation.Seal.Hash, named);
        return derived is not null && derived.PolicyId == superseded.PolicyId
            ? null
            : $"policy {superseded.PolicyId} was {named?.Status.ToString() ?? "unknown"}, not active, when it was superseded";
    }

    // The policy as its own stream says before the System event; null when a row cannot be read.
    private static PolicyState? ReplayPolicy(IReadOnlyList<SealedRow> rows)
    {
        PolicyState? state = null;
        foreach (var row in rows)
        {
            try
            {
                state = DecisionStates.Policy.Apply(state, row.Type, row.Data, row.Version);
            }
            catch (JsonException)
            {
                return null;
            }
        }
        return state;
    }

    private static string Describe(Tally tally) => $"{tally.For} for, {tally.Against} against, {tally.Abstain} abstaining of {tally.Eligible}";

    private static bool SameJson<T>(T left, T right) =>
        CanonicalJson.Serialize(JsonSerializer.SerializeToElement(left, LedgerJson.Options))
            .AsSpan().SequenceEqual(CanonicalJson.Serialize(JsonSerializer.SerializeToElement(right, LedgerJson.Options)));
}
