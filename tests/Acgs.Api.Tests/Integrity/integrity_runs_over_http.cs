using System.Net;
using Acgs.Api.Integrity;
using Acgs.Api.Tests.Infrastructure;

namespace Acgs.Api.Tests.Integrity;

// POST /v1/integrity/runs starts a verification of the ledger the API serves, one at a time;
// GET /v1/integrity/report and /metrics tell its outcome.
[Collection(IntegrityLedgerCollection.Name)]
public sealed class integrity_runs_over_http(IntegrityLedgerFixture fixture)
{
    private readonly HttpClient client = fixture.Host.Client;

    [Fact]
    public async Task a_run_reports_a_clean_ledger_and_its_metrics()
    {
        await TamperScenario.CreateAsync(fixture);

        var started = await client.PostAsync("/v1/integrity/runs", null);
        var status = await FinishedRunAsync();

        started.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        started.Headers.Location!.ToString().ShouldBe(IntegrityApi.ReportPath);
        var report = status.GetProperty("report");
        report.GetProperty("clean").GetBoolean().ShouldBeTrue();
        report.GetProperty("findingCount").GetInt64().ShouldBe(0);
        report.GetProperty("events").GetInt64().ShouldBe(4 + 1 + 2 * TamperScenario.EventsPerStream);
        report.GetProperty("ledgerId").GetGuid().ShouldBe(fixture.Host.Ledger.LedgerId);
        var metrics = await client.GetStringAsync("/metrics");
        metrics.ShouldContain("\nacgs_integrity_last_run_result 0\n");
        metrics.ShouldContain("\nacgs_integrity_last_run_findings 0\n");
        metrics.ShouldContain("\nacgs_integrity_run_in_progress 0\n");
    }

    [Fact]
    public async Task a_run_reports_findings_by_kind_and_sequence()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var rows = new StoredRows(fixture.DataSource);
        var target = await rows.ReadAsync(scenario.Second, 2);
        await rows.ExecuteAsync("update acgs.mt_events set data = data || '{\"index\": 4242}'::jsonb where seq_id = $1", target.Sequence);

        (await client.PostAsync("/v1/integrity/runs", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var report = (await FinishedRunAsync()).GetProperty("report");

        report.GetProperty("clean").GetBoolean().ShouldBeFalse();
        report.GetProperty("findingsByKind").GetProperty("PayloadMismatch").GetInt64().ShouldBe(1);
        var finding = report.GetProperty("findings").EnumerateArray().Single();
        finding.GetProperty("kind").GetString().ShouldBe("PayloadMismatch");
        finding.GetProperty("sequence").GetInt64().ShouldBe(target.Sequence);
        finding.GetProperty("streamId").GetGuid().ShouldBe(scenario.Second);
        finding.GetProperty("version").GetInt64().ShouldBe(2);
        var metrics = await client.GetStringAsync("/metrics");
        metrics.ShouldContain("\nacgs_integrity_last_run_result 1\n");
        metrics.ShouldContain("\nacgs_integrity_last_run_findings 1\n");
        metrics.ShouldContain("\nacgs_integrity_last_run_findings_by_kind{kind=\"PayloadMismatch\"} 1\n");
    }

    [Fact]
    public async Task a_second_run_is_refused_while_one_is_in_progress()
    {
        await fixture.ResetAsync();
        await using var connection = await fixture.DataSource.OpenConnectionAsync();
        await using var blocker = await connection.BeginTransactionAsync();
        // The run's first read of mt_events waits for this lock, so the run stays in progress.
        await using (var lockEvents = new Npgsql.NpgsqlCommand("lock table acgs.mt_events in access exclusive mode", connection))
        {
            await lockEvents.ExecuteNonQueryAsync();
        }

        var first = await client.PostAsync("/v1/integrity/runs", null);
        var second = await client.PostAsync("/v1/integrity/runs", null);
        var during = await Submitter.JsonAsync(await client.GetAsync(IntegrityApi.ReportPath));
        await blocker.RollbackAsync();

        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Submitter.JsonAsync(second)).GetProperty("type").GetString().ShouldBe(IntegrityApi.RunInProgress);
        during.GetProperty("running").GetBoolean().ShouldBeTrue();
        (await FinishedRunAsync()).GetProperty("report").GetProperty("clean").GetBoolean().ShouldBeTrue();
    }

    private async Task<System.Text.Json.JsonElement> FinishedRunAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var status = await Submitter.JsonAsync(await client.GetAsync(IntegrityApi.ReportPath));
            if (!status.GetProperty("running").GetBoolean())
            {
                return status;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException("the verification run did not end within 60 s");
            }
            await Task.Delay(100);
        }
    }
}
