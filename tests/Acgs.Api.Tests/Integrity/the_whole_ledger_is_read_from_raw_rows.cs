using Acgs.Ledger.Integrity.Verification;
using Acgs.Ledger.Sealing;
using Acgs.Seeding;
using JasperFx.Events;
using Marten;
using static Acgs.Ledger.Integrity.Verification.FindingKind;

namespace Acgs.Api.Tests.Integrity;

// The verifier reads every stored row as PostgreSQL holds it: archived rows too, tombstones by
// their exact shape only, one stream or all, and it never throws on what it finds.
[Collection(IntegrityLedgerCollection.Name)]
public sealed class the_whole_ledger_is_read_from_raw_rows(IntegrityLedgerFixture fixture)
{
    private const int GenesisEvents = 4;

    private readonly StoredRows rows = new(fixture.DataSource);

    [Fact]
    public async Task a_clean_ledger_of_ten_thousand_events_has_no_finding()
    {
        await fixture.ResetAsync();
        var (actorId, key) = await new Infrastructure.Submitter(fixture.Host).RegisterAsync(Ledger.Identity.Actors.Role.Proposer);
        await SealedEventSeeder.SeedAsync(fixture.Store, fixture.Host.Ledger.LedgerId, actorId, key, actorVersion: 1, events: 10_000);

        var report = await fixture.VerifyAsync();

        report.Findings.ShouldBeEmpty();
        report.Clean.ShouldBeTrue();
        report.Events.ShouldBe(GenesisEvents + 1 + 10_000);
        report.Streams.ShouldBe(GenesisEvents + 1 + 1_000);
        report.LedgerId.ShouldBe(fixture.Host.Ledger.LedgerId);
    }

    [Fact]
    public async Task one_stream_is_verified_alone()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var tampered = await rows.ReadAsync(scenario.First, 2);
        var judged = await rows.ReadAsync(scenario.Second, 2);
        await rows.ExecuteAsync("update acgs.mt_events set data = $2::jsonb where seq_id = $1", tampered.Sequence, judged.Data);
        await rows.ExecuteAsync("update acgs.mt_events set type = 'other' where seq_id = $1", judged.Sequence);

        var report = await fixture.VerifyAsync(scenario.Second);

        report.StreamId.ShouldBe(scenario.Second);
        report.Events.ShouldBe(TamperScenario.EventsPerStream);
        report.Streams.ShouldBe(1);
        report.ShouldFindExactly((TypeMismatch, judged.Sequence));
    }

    [Fact]
    public async Task a_stream_nothing_holds_is_not_clean()
    {
        await fixture.ResetAsync();
        var unknown = Guid.CreateVersion7();

        var report = await fixture.VerifyAsync(unknown);

        report.Events.ShouldBe(0);
        report.Findings.ShouldHaveSingleItem().ShouldBe(
            new Finding(MissingEvent, null, unknown, null, "no event of this stream is stored, and Marten has no head for it"));
    }

    [Fact]
    public async Task archived_rows_are_verified_like_any_other()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        await rows.ExecuteAsync("update acgs.mt_events set is_archived = true where stream_id = $1", scenario.First);
        await rows.ExecuteAsync("update acgs.mt_streams set is_archived = true where id = $1", scenario.First);

        var clean = await fixture.VerifyAsync();
        var target = await rows.ReadAsync(scenario.First, 4);
        await rows.ExecuteAsync("update acgs.mt_events set data = data || '{\"index\": 12345}'::jsonb where seq_id = $1", target.Sequence);

        clean.ShouldFindExactly();
        clean.ArchivedEvents.ShouldBe(TamperScenario.EventsPerStream);
        (await fixture.VerifyAsync()).ShouldFindExactly((PayloadMismatch, target.Sequence));
    }

    [Fact]
    public async Task the_tombstone_of_a_lost_race_is_skipped()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        await using var winner = PrepareAppend(scenario);
        await using var loser = PrepareAppend(scenario);

        await winner.SaveChangesAsync();
        await Should.ThrowAsync<Exception>(() => loser.SaveChangesAsync());
        var report = await fixture.VerifyAsync();

        report.ShouldFindExactly();
        report.Tombstones.ShouldBe(1);
    }

    [Fact]
    public async Task an_event_emptied_into_the_shape_of_a_tombstone_is_missing()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var target = await rows.ReadAsync(scenario.First, 3);
        var next = await rows.ReadAsync(scenario.First, 4);

        await rows.ExecuteAsync("update acgs.mt_events set type = $2, data = '{}'::jsonb, headers = null where seq_id = $1",
            target.Sequence, Tombstone.Name);

        (await fixture.VerifyAsync()).ShouldFindExactly((MissingEvent, target.Sequence), (MissingEvent, next.Sequence));
    }

    [Fact]
    public async Task rows_no_ledger_would_write_are_findings_not_failures()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var fraction = await rows.ReadAsync(scenario.First, 2);
        var deep = await rows.ReadAsync(scenario.First, 3);
        var scalarHeaders = await rows.ReadAsync(scenario.First, 4);
        var deepHeaders = await rows.ReadAsync(scenario.Second, 2);
        var garbageSeal = await rows.ReadAsync(scenario.Second, 3);

        await rows.ExecuteAsync("update acgs.mt_events set data = '{\"index\": 1.5}'::jsonb where seq_id = $1", fraction.Sequence);
        await rows.ExecuteAsync("update acgs.mt_events set data = $2::jsonb where seq_id = $1",
            deep.Sequence, new string('[', 500) + new string(']', 500));
        await rows.ExecuteAsync("update acgs.mt_events set headers = '\"acgs.seal\"'::jsonb where seq_id = $1", scalarHeaders.Sequence);
        await rows.ExecuteAsync("update acgs.mt_events set headers = $2::jsonb where seq_id = $1",
            deepHeaders.Sequence, "{\"acgs.seal\": " + new string('[', 500) + new string(']', 500) + "}");
        await rows.SetSealAsync(garbageSeal.Sequence, "{\"hash\": \u0022not a seal");

        // A row without a readable seal cannot show the submission its record names.
        (await fixture.VerifyAsync()).ShouldFindExactly(
            (PayloadMismatch, fraction.Sequence),
            (PayloadMismatch, deep.Sequence),
            (Unsealed, scalarHeaders.Sequence), (MissingEvent, scalarHeaders.Sequence),
            (BadSeal, deepHeaders.Sequence), (MissingEvent, deepHeaders.Sequence),
            (BadSeal, garbageSeal.Sequence), (MissingEvent, garbageSeal.Sequence));
    }

    [Fact]
    public async Task a_database_of_another_ledger_is_the_wrong_ledger()
    {
        await fixture.ResetAsync();
        var genesis = await rows.ReadAsync(fixture.Host.Ledger.LedgerId, 1);

        var report = await new LedgerVerifier(fixture.DataSource).VerifyAsync(new VerificationOptions { ExpectedLedgerId = Guid.CreateVersion7() });

        report.Findings.ShouldContain(finding => finding.Kind == WrongLedger && finding.Sequence == genesis.Sequence);
        report.Findings.ShouldAllBe(finding => finding.Kind == WrongLedger);
    }

    [Fact]
    public async Task a_ledger_without_its_genesis_event_names_no_ledger()
    {
        await fixture.ResetAsync();
        var genesis = await rows.ReadAsync(fixture.Host.Ledger.LedgerId, 1);
        await rows.ExecuteAsync("delete from acgs.mt_events where seq_id = $1", genesis.Sequence);

        var report = await new LedgerVerifier(fixture.DataSource).VerifyAsync(new VerificationOptions());

        report.LedgerId.ShouldBeNull();
        report.Findings.ShouldContain(finding => finding.Kind == WrongLedger && finding.Sequence == null);
        report.Findings.ShouldContain(finding => finding.Kind == MissingEvent && finding.Sequence == genesis.Sequence);
        // Without LedgerCreated the keys that judge the other genesis events are unknown.
        report.Findings.Count(finding => finding.Kind == KeyNotActive).ShouldBe(GenesisEvents - 1);
    }

    private IDocumentSession PrepareAppend(TamperScenario scenario)
    {
        var session = fixture.Store.LightweightSession();
        var note = new AuditNote(99, "appended twice at once");
        var pending = session.Events.Append(scenario.First, TamperScenario.EventsPerStream + 1, note).Events.Single();
        var request = SignedRequestFactory.Sign(note, pending.EventTypeName, fixture.Host.Ledger.LedgerId, scenario.ActorId, scenario.ActorKey,
            scenario.First, TamperScenario.EventsPerStream, DateTimeOffset.UtcNow);
        pending.SetHeader(PendingSeal.HeaderName, new PendingSeal(request.Submission, request.Signature, 1));
        return session;
    }
}
