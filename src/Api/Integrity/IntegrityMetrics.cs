using Acgs.Ledger.Integrity.Verification;
using Prometheus;

namespace Acgs.Api.Integrity;

// The last verification run on /metrics. Last-run gauges appear only once a run has ended, so a
// ledger never verified is not mistaken for a clean one.
internal static class IntegrityMetrics
{
    public const double Clean = 0;
    public const double HasFindings = 1;
    public const double CouldNotRun = 2;

    private static readonly GaugeConfiguration AfterFirstRun = new() { SuppressInitialValue = true };

    private static readonly Gauge Result = Metrics.CreateGauge("acgs_integrity_last_run_result",
        "Result of the last verification run: 0 clean, 1 findings, 2 could not run (the exit codes of `acgs verify`).", AfterFirstRun);

    private static readonly Gauge Findings = Metrics.CreateGauge("acgs_integrity_last_run_findings",
        "Findings of the last completed verification run.", AfterFirstRun);

    private static readonly Gauge FindingsByKind = Metrics.CreateGauge("acgs_integrity_last_run_findings_by_kind",
        "Findings of the last completed verification run, by kind.",
        new GaugeConfiguration { LabelNames = ["kind"], SuppressInitialValue = true });

    private static readonly Gauge Events = Metrics.CreateGauge("acgs_integrity_last_run_events",
        "Events checked by the last completed verification run.", AfterFirstRun);

    private static readonly Gauge Duration = Metrics.CreateGauge("acgs_integrity_last_run_duration_seconds",
        "Duration of the last completed verification run.", AfterFirstRun);

    private static readonly Gauge Ended = Metrics.CreateGauge("acgs_integrity_last_run_end_time_seconds",
        "Unix time at which the last verification run ended.", AfterFirstRun);

    private static readonly Gauge Running = Metrics.CreateGauge("acgs_integrity_run_in_progress",
        "1 while a verification run is in progress.");

    public static void Started() => Running.Set(1);

    public static void Completed(VerificationReport report, DateTimeOffset endedAt)
    {
        Result.Set(report.Clean ? Clean : HasFindings);
        Findings.Set(report.FindingCount);
        foreach (var kind in Enum.GetNames<FindingKind>())
        {
            FindingsByKind.WithLabels(kind).Set(report.FindingsByKind.GetValueOrDefault(kind));
        }
        Events.Set(report.Events);
        Duration.Set(report.ElapsedSeconds);
        Ended.Set(endedAt.ToUnixTimeMilliseconds() / 1000.0);
        Running.Set(0);
    }

    public static void Failed(DateTimeOffset endedAt)
    {
        Result.Set(CouldNotRun);
        Ended.Set(endedAt.ToUnixTimeMilliseconds() / 1000.0);
        Running.Set(0);
    }
}
