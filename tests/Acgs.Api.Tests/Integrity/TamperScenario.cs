using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity.Verification;
using Acgs.Seeding;

namespace Acgs.Api.Tests.Integrity;

// The ledger each tamper test starts from: genesis, an actor registered by the Admin over HTTP, and
// two streams of five audit notes the actor signed.
public sealed record TamperScenario(Guid ActorId, SigningKey ActorKey, long RegistrationSequence, Guid First, Guid Second)
{
    public const int EventsPerStream = 5;

    public static async Task<TamperScenario> CreateAsync(IntegrityLedgerFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        await fixture.ResetAsync();
        var (actorId, key) = await new Submitter(fixture.Host).RegisterAsync(Role.Proposer);
        var streams = await SealedEventSeeder.SeedAsync(fixture.Store, fixture.Host.Ledger.LedgerId, actorId, key, actorVersion: 1,
            events: 2 * EventsPerStream, eventsPerStream: EventsPerStream);
        var registration = await new StoredRows(fixture.DataSource).ReadAsync(actorId, 1);
        // Tampering starts from a fully logged ledger: the sealer must never see a changed row first.
        await fixture.WaitUntilSealedAsync();
        return new TamperScenario(actorId, key, registration.Sequence, streams[0], streams[1]);
    }
}

public static class FindingAssertions
{
    // What the log (level 3) says about the same tampering; the level-3 tests pin these.
    private static readonly FindingKind[] LogKinds =
    [
        FindingKind.Quarantined, FindingKind.LeafMismatch, FindingKind.RootMismatch, FindingKind.NodeMismatch,
        FindingKind.InconsistentCheckpoint, FindingKind.BadCheckpointSignature, FindingKind.Rollback, FindingKind.Fork,
    ];

    // The findings of levels 1 and 2, as (kind, sequence) pairs, are exactly these: found,
    // pinpointed, and nothing else.
    public static void ShouldFindExactly(this VerificationReport report, params (FindingKind Kind, long? Sequence)[] expected)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.FindingsByKind.Keys.Where(kind => !LogKinds.Contains(Enum.Parse<FindingKind>(kind)))
            .Sum(kind => report.FindingsByKind[kind]).ShouldBe(expected.Length, string.Join("\n", report.Findings));
        report.Findings.Where(finding => !LogKinds.Contains(finding.Kind)).Select(finding => (finding.Kind, finding.Sequence)).Order()
            .ShouldBe(expected.Order(), string.Join("\n", report.Findings));
    }

    // Everything the run found, log included, is exactly these.
    public static void ShouldFindAllExactly(this VerificationReport report, params (FindingKind Kind, long? Sequence)[] expected)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.Findings.Select(finding => (finding.Kind, finding.Sequence)).Order()
            .ShouldBe(expected.Order(), string.Join("\n", report.Findings));
        report.FindingCount.ShouldBe(expected.Length);
    }
}
