using Acgs.Ledger.Integrity;
using Acgs.Ledger.Integrity.Verification;
using Acgs.Ledger.Sealing;
using Acgs.Projections;
using Npgsql;

namespace Acgs.Api.Integrity;

// What GET /v1/integrity/report answers: whether a run is in progress, and the last run's report,
// or why it could not run.
public sealed record IntegrityStatus(
    bool Running,
    DateTimeOffset? RunningSince,
    DateTimeOffset? LastRunEndedAt,
    VerificationReport? Report,
    string? Error);

// Verification runs of this process, one at a time: a run reads the whole ledger, so a second
// request while one is in progress is refused rather than queued. Runs judge the ledger this API
// serves (its own ledger id), in the background, and stop with the host.
public sealed partial class IntegrityRuns(
    NpgsqlDataSource dataSource, LedgerAuthority ledger, IHostApplicationLifetime lifetime, ILogger<IntegrityRuns> logger)
{
    private readonly Lock gate = new();
    private DateTimeOffset? runningSince;
    private (DateTimeOffset EndedAt, VerificationReport? Report, string? Error)? last;

    public bool TryStart(out DateTimeOffset startedAt)
    {
        startedAt = LedgerTimestamp.Truncate(DateTimeOffset.UtcNow);
        lock (gate)
        {
            if (runningSince is not null)
            {
                return false;
            }
            runningSince = startedAt;
        }
        IntegrityMetrics.Started();
        _ = Task.Run(() => RunAsync(lifetime.ApplicationStopping));
        return true;
    }

    public IntegrityStatus? Status()
    {
        lock (gate)
        {
            return runningSince is null && last is null
                ? null
                : new IntegrityStatus(runningSince is not null, runningSince, last?.EndedAt, last?.Report, last?.Error);
        }
    }

    private async Task RunAsync(CancellationToken token)
    {
        VerificationReport? report = null;
        string? error = null;
        try
        {
            report = await new LedgerVerifier(dataSource).VerifyAsync(new VerificationOptions { ExpectedLedgerId = ledger.LedgerId, ReadModels = ReadModelsConfiguration.Documents }, null, token);
        }
        // The run's own task is the boundary: whatever stops it is recorded, or the ledger would
        // report a run in progress forever.
        catch (Exception exception)
        {
            error = $"the verification could not run: {exception.Message}";
            LogRunFailed(exception);
        }

        var endedAt = LedgerTimestamp.Truncate(DateTimeOffset.UtcNow);
        lock (gate)
        {
            last = (endedAt, report, error);
            runningSince = null;
        }
        if (report is not null)
        {
            IntegrityMetrics.Completed(report, endedAt);
        }
        else
        {
            IntegrityMetrics.Failed(endedAt);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Integrity verification run failed")]
    private partial void LogRunFailed(Exception exception);
}
