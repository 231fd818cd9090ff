namespace Acgs.Ledger.Integrity.Verification;

// StreamId: verify that stream only (key state still comes from every actor stream).
// ExpectedLedgerId: the ledger id the caller trusts (the API's own); otherwise the ledger-created
// row names it. PageSize bounds the rows held at once; MaxFindingsKept bounds the findings kept in
// the report (all are counted); Parallelism bounds the signature checks at once. TrustedCheckpoints:
// signed checkpoint notes saved from earlier runs; the log must extend each (whole-ledger runs only).
// ReadModels: documents kept per stream beyond the ledger's own decision snapshots (which are always
// checked), each to equal a fresh replay of its stream (level 4b, whole-ledger runs only).
public sealed record VerificationOptions
{
    public Guid? StreamId { get; init; }

    public Guid? ExpectedLedgerId { get; init; }

    // The pages in flight (five) survive every collection that runs meanwhile, and are what it copies:
    // 500 rows keep the pipeline fed with half the collector's work of 1,000 (bench/RESULTS.md).
    public int PageSize { get; init; } = 500;

    public int MaxFindingsKept { get; init; } = 10_000;

    public int Parallelism { get; init; } = Environment.ProcessorCount;

    public IReadOnlyList<string> TrustedCheckpoints { get; init; } = [];

    public IReadOnlyList<StreamDocument> ReadModels { get; init; } = [];
}

// Where a run is: rows read so far, and the sequence reached out of the highest one in its snapshot.
public readonly record struct VerificationProgress(long Rows, long Sequence, long LastSequence);
