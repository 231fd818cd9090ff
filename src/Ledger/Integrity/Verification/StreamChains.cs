namespace Acgs.Ledger.Integrity.Verification;

// Level 2 of DESIGN §4.7, fed in sequence order: each stream's versions run 1..n without a gap,
// each `prev` is the previous event's hash (the genesis link for version 1), and recordedAt never
// goes backwards. Only the last version, hash and recordedAt of each stream are kept.
internal sealed class StreamChains
{
    private readonly Dictionary<Guid, Link> streams = [];

    public int Count => streams.Count;

    public bool TryGetLastVersion(Guid streamId, out long version)
    {
        var found = streams.TryGetValue(streamId, out var link);
        version = link?.Version ?? 0;
        return found;
    }

    // A row whose seal recomputes is placed where its seal says: the seal is authenticated, the
    // row's columns are not, and a changed column is reported once (VersionMismatch) rather than as
    // a run of broken links. Rows without a trustworthy seal are placed by their columns.
    public void Follow(EventCheck check, FindingCollector findings)
    {
        var row = check.Row;
        var seal = check.SealIntact ? check.Seal!.Input : null;
        var streamId = seal?.StreamId ?? row.StreamId;
        var version = seal?.Version ?? row.Version;
        streams.TryGetValue(streamId, out var previous);
        var expected = (previous?.Version ?? 0) + 1;

        if (version < expected)
        {
            findings.Add(FindingKind.VersionMismatch, row.Sequence, streamId, version,
                $"version {version} comes after version {expected - 1} of the stream in sequence order");
            return;
        }
        if (version > expected)
        {
            findings.Add(FindingKind.MissingEvent, row.Sequence, streamId, version,
                expected == version - 1
                    ? $"version {expected} of the stream is not stored before it"
                    : $"versions {expected} to {version - 1} of the stream are not stored before it");
        }

        var input = check.Seal?.Input;
        if (input is not null && version == expected)
        {
            // The genesis link binds the seal's own ledger id; whether that is this ledger is EventCheck's
            // question (WrongLedger), not asked twice.
            var link = version == 1 ? GenesisLink.Compute(input.LedgerId, streamId) : previous!.Hash;
            if (link is not null && !Sha256Hex.AreEqual(link, input.Prev))
            {
                findings.Add(FindingKind.BrokenLink, row.Sequence, streamId, version,
                    version == 1
                        ? $"prev is {input.Prev}, not the stream's genesis link {link}"
                        : $"prev is {input.Prev}, but version {version - 1} hashes to {link}");
            }
        }
        if (input is not null && previous?.RecordedAt is { } before && input.RecordedAt < before)
        {
            findings.Add(FindingKind.TimeReversal, row.Sequence, streamId, version,
                $"recorded at {LedgerTimestamp.Format(input.RecordedAt)}, before the stream's previous event ({LedgerTimestamp.Format(before)})");
        }

        streams[streamId] = new Link(version, check.RecomputedHash, input?.RecordedAt ?? previous?.RecordedAt);
    }

    // Hash is null when the row's seal could not be read: the next link cannot be judged.
    private sealed record Link(long Version, string? Hash, DateTimeOffset? RecordedAt);
}
