using System.Diagnostics;
using System.Threading.Channels;
using Acgs.Ledger.Identity.Genesis;
using Npgsql;

namespace Acgs.Ledger.Integrity.Verification;

// Levels 1 to 3 and 4a of DESIGN §4.7 over the raw rows of one database snapshot. Rows are read in keyset
// pages by sequence (archived rows included, tombstones recognised by shape, each with what the log
// holds for it), in a pipeline of three stages: reading a page; the per-row checks of the page
// before it, in parallel, bounded by Parallelism; and the stream, submission-record and leaf checks
// of the page before that, in sequence order; beside it, the log is walked in leaf order and then the
// System's events are judged (4a). Memory is bounded by five pages (one in each stage, one queued
// between each two), a page of leaves, one link per stream, the actors' key history and the findings
// kept (three times: the log's and 4a's are kept apart).
// Tampered data never throws: it is a finding. Levels 3 (the log) and 4a (the System actor's events,
// re-derived from the streams they name) judge the whole ledger, so a run over one stream skips them.
public sealed partial class LedgerVerifier(NpgsqlDataSource dataSource)
{
    public async Task<VerificationReport> VerifyAsync(
        VerificationOptions options, IProgress<VerificationProgress>? progress = null, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Parallelism, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxFindingsKept);
        var startedAt = LedgerTimestamp.Truncate(DateTimeOffset.UtcNow);
        var clock = Stopwatch.StartNew();
        var findings = new FindingCollector(options.MaxFindingsKept);

        await using var snapshot = await LedgerSnapshot.OpenAsync(dataSource, withLog: options.StreamId is null, token);
        // Two scans of the events, one on each connection: the pages are not read yet.
        var readingGenesis = ReadGenesisAsync(snapshot.Lookups, options.ExpectedLedgerId, findings, token);
        var readingKeys = ReadKeyHistoryAsync(snapshot.Pages, token);
        await Task.WhenAll(readingGenesis, readingKeys);
        var genesis = await readingGenesis;
        var ledgerId = options.ExpectedLedgerId ?? genesis?.LedgerId;
        var keys = (await readingKeys).Build(genesis);
        var lastSequence = await LastSequenceAsync(snapshot.Lookups, options.StreamId, token);

        var scan = new Scan(findings);
        // The log pass and then level 4a read nothing the row pass writes, so they run beside the row
        // pipeline on a connection of their own, into findings of their own that join the run's after
        // the rows' (the order a sequential run gives). The log pass takes every leaf to have its event;
        // the row pass says afterwards whether that held, and when it did not, the log is walked again
        // joined to the events.
        var logFindings = new FindingCollector(options.MaxFindingsKept);
        var governanceFindings = new FindingCollector(options.MaxFindingsKept);
        using var stopSide = CancellationTokenSource.CreateLinkedTokenSource(token);
        var beside = options.StreamId is null
            ? CheckLogThenGovernanceAsync(snapshot.Log, genesis, options, logFindings, governanceFindings, stopSide.Token)
            : Task.FromResult<string?>(null);
        string? latestCheckpoint = null;
        try
        {
            await FollowRowsAsync(snapshot, options, ledgerId, keys, lastSequence, startedAt, scan, findings, progress, token);
            await CheckStreamHeadsAsync(snapshot.Lookups, options.StreamId, scan, findings, token);
            if (options.StreamId is null)
            {
                await CheckRecordedSubmissionsAsync(snapshot.Lookups, scan.MatchedSubmissions, findings, token);
                latestCheckpoint = await beside;
                if (scan.LoggedEvents is { } logged && logged == await CountLeavesAsync(snapshot.Lookups, token))
                {
                    findings.Absorb(logFindings);
                }
                else
                {
                    latestCheckpoint = await CheckLogAsync(
                        snapshot.Lookups, genesis, options.TrustedCheckpoints, everyLeafHasEvent: false, options.PageSize, findings, token);
                }
                findings.Absorb(governanceFindings);
                await CheckReadModelsAsync(snapshot, [.. DecisionStates.Documents, .. options.ReadModels], findings, token);
            }
        }
        finally
        {
            await stopSide.CancelAsync();
            await ((Task)beside).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return new VerificationReport(
            ledgerId,
            options.StreamId,
            startedAt,
            clock.Elapsed.TotalSeconds,
            scan.Events,
            scan.Streams,
            scan.ArchivedEvents,
            scan.Tombstones,
            findings.Count,
            findings.ByKind(),
            findings.Kept(),
            findings.Truncated)
        {
            LatestCheckpoint = latestCheckpoint,
        };
    }

    private static async Task<string?> CheckLogThenGovernanceAsync(
        NpgsqlConnection connection, GenesisKeys? genesis, VerificationOptions options, FindingCollector logFindings,
        FindingCollector governanceFindings, CancellationToken token)
    {
        var latestCheckpoint = await CheckLogAsync(
            connection, genesis, options.TrustedCheckpoints, everyLeafHasEvent: true, options.PageSize, logFindings, token);
        await CheckGovernanceAsync(connection, governanceFindings, token);
        return latestCheckpoint;
    }

    private static async Task FollowRowsAsync(
        LedgerSnapshot snapshot, VerificationOptions options, Guid? ledgerId, ActorKeyHistory keys, long lastSequence, DateTimeOffset startedAt,
        Scan scan, FindingCollector findings, IProgress<VerificationProgress>? progress, CancellationToken token)
    {
        var pages = Channel.CreateBounded<RawEvent[]>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var checkedPages = Channel.CreateBounded<EventCheck[]>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stopPipeline = CancellationTokenSource.CreateLinkedTokenSource(token);
        var reading = ReadPagesAsync(snapshot.Pages, options.StreamId, options.PageSize, pages.Writer, stopPipeline.Token);
        var checking = CheckPagesAsync(pages.Reader, checkedPages.Writer, ledgerId, keys, options.Parallelism, stopPipeline.Token);
        try
        {
            await foreach (var checks in checkedPages.Reader.ReadAllAsync(token))
            {
                var records = await ReadSubmissionRecordsAsync(snapshot.Lookups, checks, consecutive: options.StreamId is null, token);
                scan.Follow(checks, records);
                if (options.StreamId is null)
                {
                    CheckLeavesOfPage(checks, startedAt, findings);
                }
                progress?.Report(new VerificationProgress(scan.Rows, checks[^1].Row.Sequence, lastSequence));
            }
        }
        finally
        {
            await stopPipeline.CancelAsync();
            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await checking.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        await reading;
        await checking;
    }

    // The per-row checks of one page run in parallel while the previous page is followed and the
    // next one read.
    private static async Task CheckPagesAsync(
        ChannelReader<RawEvent[]> pages, ChannelWriter<EventCheck[]> checkedPages, Guid? ledgerId, ActorKeyHistory keys, int parallelism,
        CancellationToken token)
    {
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = token };
            await foreach (var page in pages.ReadAllAsync(token))
            {
                var checks = new EventCheck[page.Length];
                await Task.Run(() =>
                {
                    Parallel.For(0, page.Length, parallel, index => checks[index] = EventCheck.Prepare(page[index], ledgerId, keys));
                    Parallel.For(0, page.Length, parallel, index => checks[index].VerifySignature());
                }, token);
                await checkedPages.WriteAsync(checks, token);
            }
        }
        finally
        {
            checkedPages.TryComplete();
        }
    }

    // The sequential half of a run: the stream chains and each event's submission record.
    private sealed class Scan(FindingCollector findings)
    {
        private readonly StreamChains chains = new();
        private readonly HashSet<Guid> tombstoneStreams = [];
        private long loggedEvents;
        private long lastSequence = long.MinValue;
        private bool sequencesAscend = true;

        public long Rows { get; private set; }

        public long Events { get; private set; }

        public long ArchivedEvents { get; private set; }

        public long Tombstones { get; private set; }

        // Events whose submission record names exactly them; every record should be one of these.
        public long MatchedSubmissions { get; private set; }

        public long Streams => chains.Count;

        // Rows that are not tombstones and have a leaf. Each such row then has a leaf of its own only if
        // no sequence came twice (its primary key, which a tamperer could drop, says it cannot).
        public long? LoggedEvents => sequencesAscend ? loggedEvents : null;

        public bool IsTombstoneStream(Guid streamId) => tombstoneStreams.Contains(streamId);

        public bool TryGetLastVersion(Guid streamId, out long version) => chains.TryGetLastVersion(streamId, out version);

        public void Follow(EventCheck[] checks, IReadOnlyDictionary<Guid, SubmissionRecord> records)
        {
            foreach (var check in checks)
            {
                Rows++;
                var row = check.Row;
                sequencesAscend &= row.Sequence > lastSequence;
                lastSequence = row.Sequence;
                if (row.IsTombstone)
                {
                    Tombstones++;
                    tombstoneStreams.Add(row.StreamId);
                    continue;
                }
                Events++;
                if (row.LeafIndex is not null)
                {
                    loggedEvents++;
                }
                if (row.Archived)
                {
                    ArchivedEvents++;
                }
                foreach (var finding in check.Findings)
                {
                    findings.Add(finding);
                }
                chains.Follow(check, findings);
                if (check.Seal is { } seal)
                {
                    CheckRecord(check, seal.Input.Submission.SubmissionId, records);
                }
            }
        }

        // DESIGN §4.2: acgs.submissions holds one record per submission id, naming the sequence of the
        // one event it produced. A second event with the same id cannot match it, whichever of the two
        // the record names, so duplicates are found without remembering every id seen.
        private void CheckRecord(EventCheck check, Guid submissionId, IReadOnlyDictionary<Guid, SubmissionRecord> records)
        {
            var row = check.Row;
            if (!records.TryGetValue(submissionId, out var record))
            {
                findings.Add(FindingKind.UnrecordedSubmission, row.Sequence, row.StreamId, row.Version,
                    $"submission {submissionId} has no record in acgs.submissions");
            }
            else if (record.Sequence != row.Sequence)
            {
                findings.Add(FindingKind.DuplicateSubmission, row.Sequence, row.StreamId, row.Version,
                    $"submission {submissionId} is recorded for the event at seq {record.Sequence}, not this one: appended twice, or moved");
            }
            else if (record.Sha256 != check.SubmissionSha256)
            {
                findings.Add(FindingKind.UnrecordedSubmission, row.Sequence, row.StreamId, row.Version,
                    $"submission {submissionId} is recorded with other bytes (SHA-256 {record.Sha256}, this one {check.SubmissionSha256})");
            }
            else
            {
                MatchedSubmissions++;
            }
        }
    }

    private sealed record SubmissionRecord(string Sha256, long Sequence);
}
