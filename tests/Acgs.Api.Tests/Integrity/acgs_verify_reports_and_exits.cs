using System.Text.Json;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Cli.Verification;
using Acgs.Ledger.Integrity.Verification;
using Acgs.Seeding;

namespace Acgs.Api.Tests.Integrity;

// `acgs verify`: a summary or the JSON report; exit 0 clean, 1 findings, 2 could not run.
[Collection(IntegrityLedgerCollection.Name)]
public sealed class acgs_verify_reports_and_exits(IntegrityLedgerFixture fixture)
{
    private static readonly string Connection = TestEnvironment.DatabaseConnection(IntegrityLedgerFixture.Database);

    private readonly StringWriter output = new() { NewLine = "\n" };
    private readonly StringWriter error = new() { NewLine = "\n" };

    [Fact]
    public async Task a_clean_ledger_prints_a_summary_and_exits_0()
    {
        await TamperScenario.CreateAsync(fixture);

        var exit = await RunAsync(Connection, new VerificationOptions(), json: false);

        exit.ShouldBe(LedgerVerification.Clean, error.ToString());
        var summary = output.ToString();
        summary.ShouldContain($"ledger:   {fixture.Host.Ledger.LedgerId}\n");
        summary.ShouldContain("scope:    all streams\n");
        summary.ShouldContain($"events:   {4 + 1 + 2 * TamperScenario.EventsPerStream} in 7 streams (0 archived; 0 tombstones skipped)\n");
        summary.ShouldContain("events/s)\n");
        summary.ShouldContain("findings: 0\n");
        error.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task findings_exit_1_and_are_listed_as_json()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var rows = new StoredRows(fixture.DataSource);
        var target = await rows.ReadAsync(scenario.First, 4);
        await rows.ExecuteAsync("update acgs.mt_events set type = 'other' where seq_id = $1", target.Sequence);

        var exit = await RunAsync(Connection, new VerificationOptions(), json: true);

        exit.ShouldBe(LedgerVerification.HasFindings, error.ToString());
        using var report = JsonDocument.Parse(output.ToString());
        report.RootElement.GetProperty("findingCount").GetInt64().ShouldBe(1);
        var finding = report.RootElement.GetProperty("findings")[0];
        finding.GetProperty("kind").GetString().ShouldBe(nameof(FindingKind.TypeMismatch));
        finding.GetProperty("sequence").GetInt64().ShouldBe(target.Sequence);
    }

    [Fact]
    public async Task the_summary_names_each_finding_and_one_stream_can_be_chosen()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var rows = new StoredRows(fixture.DataSource);
        var target = await rows.ReadAsync(scenario.Second, 4);
        await rows.ExecuteAsync("update acgs.mt_events set type = 'other' where seq_id = $1", target.Sequence);

        var exit = await RunAsync(Connection, new VerificationOptions { StreamId = scenario.Second }, json: false);

        exit.ShouldBe(LedgerVerification.HasFindings);
        var summary = output.ToString();
        summary.ShouldContain($"scope:    stream {scenario.Second}\n");
        summary.ShouldContain($"events:   {TamperScenario.EventsPerStream} in 1 streams");
        summary.ShouldContain("findings: 1\n  TypeMismatch                   1\n");
        summary.ShouldContain($"TypeMismatch at seq {target.Sequence} stream {scenario.Second} version 4: the row's type is other, the signed type is");
    }

    [Fact]
    public async Task an_unreachable_database_exits_2()
    {
        var unreachable = $"Host=127.0.0.1;Port={TestEnvironment.FreePort()};Username=acgs;Password=x;Timeout=2";

        (await RunAsync(unreachable, new VerificationOptions(), json: false)).ShouldBe(LedgerVerification.CouldNotRun);

        error.ToString().ShouldStartWith("acgs: the verification could not run: ");
        output.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task no_database_at_all_exits_2()
    {
        (await RunAsync(null, new VerificationOptions(), json: false)).ShouldBe(LedgerVerification.CouldNotRun);

        error.ToString().ShouldContain(LedgerVerification.ConnectionVariable);
    }

    [Fact]
    public async Task a_clean_run_saves_the_latest_checkpoint_for_its_ledger_owner_only()
    {
        await TamperScenario.CreateAsync(fixture);
        var config = Directory.CreateTempSubdirectory("acgs-config-");
        try
        {
            var saved = new SavedCheckpoints(config.FullName);

            (await RunAsync(Connection, new VerificationOptions(), json: false, saved)).ShouldBe(LedgerVerification.Clean, output.ToString());

            var path = saved.PathOf(fixture.Host.Ledger.LedgerId);
            (await File.ReadAllTextAsync(path)).ShouldBe((await new StoredRows(fixture.DataSource).LatestCheckpointAsync()).Note);
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
                File.GetUnixFileMode(Path.GetDirectoryName(path)!).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            (await RunAsync(Connection, new VerificationOptions(), json: false, saved)).ShouldBe(LedgerVerification.Clean, output.ToString());
        }
        finally
        {
            config.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task a_log_rolled_back_below_the_trusted_or_saved_checkpoint_exits_1()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var rows = new StoredRows(fixture.DataSource);
        var before = await rows.LatestCheckpointAsync();
        await SealedEventSeeder.SeedAsync(fixture.Store, fixture.Host.Ledger.LedgerId, scenario.ActorId, scenario.ActorKey, actorVersion: 1,
            events: 2, eventsPerStream: 2);
        await fixture.WaitUntilSealedAsync();
        var config = Directory.CreateTempSubdirectory("acgs-config-");
        try
        {
            var saved = new SavedCheckpoints(config.FullName);
            (await RunAsync(Connection, new VerificationOptions(), json: false, saved)).ShouldBe(LedgerVerification.Clean, output.ToString());
            var trusted = await File.ReadAllTextAsync(saved.PathOf(fixture.Host.Ledger.LedgerId));

            await rows.CutLogAsync(before.TreeSize);
            output.GetStringBuilder().Clear();

            (await RunAsync(Connection, new VerificationOptions { TrustedCheckpoints = [trusted] }, json: true))
                .ShouldBe(LedgerVerification.HasFindings, error.ToString());
            using (var report = JsonDocument.Parse(output.ToString()))
            {
                report.RootElement.GetProperty("findings")[0].GetProperty("kind").GetString().ShouldBe(nameof(FindingKind.Rollback));
            }
            output.GetStringBuilder().Clear();
            (await RunAsync(Connection, new VerificationOptions(), json: false, saved)).ShouldBe(LedgerVerification.HasFindings);
            output.ToString().ShouldContain("Rollback");
            (await File.ReadAllTextAsync(saved.PathOf(fixture.Host.Ledger.LedgerId))).ShouldBe(trusted);
        }
        finally
        {
            config.Delete(recursive: true);
        }
    }

    private Task<int> RunAsync(string? connection, VerificationOptions options, bool json, SavedCheckpoints? saved = null) =>
        LedgerVerification.RunAsync(connection, options, json, output, error, progress: null, CancellationToken.None, saved);
}
