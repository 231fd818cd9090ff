namespace Acgs.Ledger.Integrity.Verification;

// The outcome of one run. Events counts rows checked (archived ones included, tombstones not);
// FindingCount counts every finding, Findings holds the first MaxFindingsKept in sequence order.
// LatestCheckpoint: the signed note of the latest checkpoint the run judged (whole-ledger runs), for
// the caller to trust next time.
public sealed record VerificationReport(
    Guid? LedgerId,
    Guid? StreamId,
    DateTimeOffset StartedAt,
    double ElapsedSeconds,
    long Events,
    long Streams,
    long ArchivedEvents,
    long Tombstones,
    long FindingCount,
    IReadOnlyDictionary<string, long> FindingsByKind,
    IReadOnlyList<Finding> Findings,
    bool FindingsTruncated)
{
    public string? LatestCheckpoint { get; init; }

    public bool Clean => FindingCount == 0;

    public double EventsPerSecond => ElapsedSeconds > 0 ? Events / ElapsedSeconds : 0;
}

// Collects findings from every stage with bounded memory: counts are exact, the list is capped.
internal sealed class FindingCollector(int maxKept)
{
    private readonly List<Finding> kept = [];
    private readonly Dictionary<FindingKind, long> byKind = [];

    public long Count { get; private set; }

    public void Add(Finding finding)
    {
        Count++;
        byKind[finding.Kind] = byKind.GetValueOrDefault(finding.Kind) + 1;
        if (kept.Count < maxKept)
        {
            kept.Add(finding);
        }
    }

    public void Add(FindingKind kind, long? sequence, Guid? streamId, long? version, string detail) =>
        Add(new Finding(kind, sequence, streamId, version, detail));

    // As if every finding of the other collector had been added here, in its order.
    public void Absorb(FindingCollector other)
    {
        foreach (var finding in other.kept)
        {
            Add(finding);
        }
        foreach (var (kind, count) in other.byKind)
        {
            var dropped = count - other.kept.Count(finding => finding.Kind == kind);
            Count += dropped;
            byKind[kind] = byKind.GetValueOrDefault(kind) + dropped;
        }
    }

    public IReadOnlyDictionary<string, long> ByKind() =>
        byKind.OrderBy(pair => pair.Key).ToDictionary(pair => pair.Key.ToString(), pair => pair.Value);

    public IReadOnlyList<Finding> Kept() =>
        kept.OrderBy(finding => finding.Sequence ?? long.MaxValue).ThenBy(finding => finding.Kind).ToList();

    public bool Truncated => Count > kept.Count;
}
