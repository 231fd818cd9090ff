using System.Globalization;
using System.Text.Json;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Integrity.Verification;
using Npgsql;

namespace Acgs.Cli.Verification;

// `acgs verify`: runs the ledger's verifier against a database and prints a summary, or the whole
// report as JSON. Exit 0: no finding; 1: findings; 2: the verification could not run. Kept free of
// the console so that it can be tested without a process. A whole-ledger run also checks the
// checkpoint saved by the last clean run, and saves the latest one after a clean run.
internal static class LedgerVerification
{
    public const int Clean = 0;
    public const int HasFindings = 1;
    public const int CouldNotRun = 2;

    public const string ConnectionVariable = "ACGS_POSTGRES";

    // Enough to act on; the rest are counted in the summary and listed by --json.
    private const int FindingsListed = 50;

    public static async Task<int> RunAsync(
        string? connectionString,
        VerificationOptions options,
        bool json,
        TextWriter output,
        TextWriter error,
        IProgress<VerificationProgress>? progress,
        CancellationToken token,
        SavedCheckpoints? saved = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            error.WriteLine($"acgs: no database to verify: pass --postgres CONNECTION or set {ConnectionVariable}");
            return CouldNotRun;
        }

        VerificationReport report;
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var wholeLedger = options.StreamId is null && saved is not null;
            var ledgerId = wholeLedger ? options.ExpectedLedgerId ?? await LedgerVerifier.ReadLedgerIdAsync(dataSource, token) : null;
            if (ledgerId is { } id && saved!.Read(id) is { } savedNote)
            {
                options = options with { TrustedCheckpoints = [.. options.TrustedCheckpoints, savedNote] };
            }
            report = await new LedgerVerifier(dataSource).VerifyAsync(options, progress, token);
            // A clean run proved the latest checkpoint extends the saved one, so it is never smaller.
            if (wholeLedger && report is { Clean: true, LedgerId: { } verified, LatestCheckpoint: { } latest })
            {
                saved!.Save(verified, latest);
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or ArgumentException)
        {
            error.WriteLine($"acgs: the verification could not run: {exception.Message}");
            return CouldNotRun;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"acgs: the saved checkpoint could not be read or written: {exception.Message}");
            return CouldNotRun;
        }

        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(report, LedgerJson.Options));
        }
        else
        {
            WriteSummary(report, output);
        }
        return report.Clean ? Clean : HasFindings;
    }

    private static void WriteSummary(VerificationReport report, TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine($"ledger:   {report.LedgerId?.ToString() ?? "unknown"}");
        output.WriteLine($"scope:    {(report.StreamId is { } stream ? $"stream {stream}" : "all streams")}");
        output.WriteLine(string.Create(culture,
            $"events:   {report.Events:N0} in {report.Streams:N0} streams ({report.ArchivedEvents:N0} archived; {report.Tombstones:N0} tombstones skipped)"));
        output.WriteLine(string.Create(culture, $"time:     {report.ElapsedSeconds:0.###} s ({report.EventsPerSecond:N0} events/s)"));
        output.WriteLine(string.Create(culture, $"findings: {report.FindingCount:N0}"));
        foreach (var (kind, count) in report.FindingsByKind)
        {
            output.WriteLine(string.Create(culture, $"  {kind,-22}{count,10:N0}"));
        }
        if (report.Findings.Count == 0)
        {
            return;
        }
        output.WriteLine();
        foreach (var finding in report.Findings.Take(FindingsListed))
        {
            output.WriteLine(finding);
        }
        if (report.FindingCount > FindingsListed)
        {
            output.WriteLine(string.Create(culture, $"… and {report.FindingCount - FindingsListed:N0} more (--json lists {report.Findings.Count:N0})"));
        }
    }
}
