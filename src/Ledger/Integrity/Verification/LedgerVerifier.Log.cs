using System.Text;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Integrity.Merkle;
using Acgs.Ledger.Integrity.Notes;
using Acgs.Ledger.Sealing.Log;
using NSec.Cryptography;
using Npgsql;

namespace Acgs.Ledger.Integrity.Verification;

// Level 3 of DESIGN §4.7, the log: each event's leaf (read and checked with its page), then one pass over
// the leaves in leaf order through a MerkleTreeBuilder that judges every checkpoint as the tree
// reaches its size, the stored nodes the proofs are served from, and the checkpoints the caller
// trusts. Memory is one page of leaves, one of checkpoints, the builder's frontier and the trusted
// checkpoints.
public sealed partial class LedgerVerifier
{
    // The sealer's lag is well under a second; an event still without a leaf after this long is
    // not waiting for it.
    public static readonly TimeSpan SealingGrace = TimeSpan.FromSeconds(60);

    private const string Leaves = $"{LogSchema.Schema}.log_leaves";
    private const string Checkpoints = $"{LogSchema.Schema}.log_checkpoints";
    private const string Quarantine = $"{LogSchema.Schema}.log_quarantine";

    private static NoteVerifierKey? CheckpointKey(LedgerCreated created) =>
        NoteFormat.IsValidKeyName(created.Origin)
        && VerificationKey.TryParse(created.LedgerKey, out var ledgerKey, out _)
        && PublicKey.TryImport(SignatureAlgorithm.Ed25519, ledgerKey.RawBytes, KeyBlobFormat.RawPublicKey, out var publicKey)
        && publicKey is not null
            ? NoteVerifierKey.Create(created.Origin, publicKey)
            : null;

    private static void CheckLeavesOfPage(EventCheck[] checks, DateTimeOffset startedAt, FindingCollector findings)
    {
        var sealedBefore = startedAt - SealingGrace;
        foreach (var check in checks)
        {
            var row = check.Row;
            if (row.IsTombstone)
            {
                continue;
            }
            if (row.LeafIndex is { } leaf)
            {
                if (check.Seal is not { } seal || !Sha256Hex.AreEqual(seal.Hash, row.LoggedEventHash))
                {
                    findings.Add(new Finding(FindingKind.LeafMismatch, row.Sequence, row.StreamId, row.Version,
                        $"leaf {leaf} logs event hash {row.LoggedEventHash}, but the row's seal says {check.Seal?.Hash ?? "nothing readable"}")
                    { LeafIndex = leaf });
                }
            }
            else if (row.QuarantineReason is { } reason)
            {
                findings.Add(FindingKind.Quarantined, row.Sequence, row.StreamId, row.Version, $"the sealer refused to log it: {reason}");
            }
            else if (check.Seal is { } seal && seal.Input.RecordedAt < sealedBefore)
            {
                findings.Add(FindingKind.Unsealed, row.Sequence, row.StreamId, row.Version,
                    $"recorded at {LedgerTimestamp.Format(seal.Input.RecordedAt)}, more than {SealingGrace.TotalSeconds:0} s before this run, and still no leaf logs it");
            }
        }
    }

    private sealed record CheckpointRow(long TreeSize, string RootHash, string Note);

    // The latest checkpoint's note goes back to the caller, who may trust it in the next run.
    // everyLeafHasEvent: the caller knows each leaf's sequence holds an event (see Scan.LoggedEvents),
    // so the leaves are not joined to the events to find out.
    private static async Task<string?> CheckLogAsync(
        NpgsqlConnection connection, GenesisKeys? genesis, IReadOnlyList<string> trustedNotes, bool everyLeafHasEvent, int pageSize,
        FindingCollector findings, CancellationToken token)
    {
        var latest = (await ReadCheckpointsAsync(connection, "order by tree_size desc limit 1", [], token)).SingleOrDefault();
        var trusted = new List<Checkpoint>();
        foreach (var note in trustedNotes)
        {
            if (ReadNote(note, genesis, "the trusted checkpoint", findings) is { } checkpoint
                && await CheckTrustedAsync(connection, checkpoint, latest, findings, token))
            {
                trusted.Add(checkpoint);
            }
        }

        var pass = new TreePass(genesis, latest?.TreeSize ?? 0, trusted, findings);
        var checkpoints = new CheckpointPages(connection, pageSize);
        var nodes = new StoredNodeSpans(connection);
        var leavesFrom = 0L;
        while (true)
        {
            var leaves = await ReadLeavesAsync(connection, leavesFrom, pageSize, everyLeafHasEvent, token);
            var completed = new List<MerkleNode>();
            foreach (var leaf in leaves)
            {
                while (await checkpoints.NextAtOrBelowAsync(pass.Size, token) is { } row)
                {
                    pass.Judge(row);
                }
                if (!pass.Append(leaf, completed))
                {
                    break;
                }
            }
            await pass.CompareNodesAsync(nodes, completed, token);
            if (pass.Stopped || leaves.Count < pageSize)
            {
                break;
            }
            leavesFrom = leaves[^1].LeafIndex + 1;
        }

        // The checkpoint at the rebuilt tree's own size, and any beyond it: those name leaves the log
        // does not hold in order.
        while (await checkpoints.NextAtOrBelowAsync(long.MaxValue, token) is { } row)
        {
            pass.Judge(row);
        }
        pass.Finish(latest);
        return latest?.Note;
    }

    // A saved checkpoint the caller trusts: the log must not have shrunk below it (Rollback), nor
    // hold another tree at its size, nor one that does not extend it (Fork). Its size is judged
    // again against the leaves during the pass; false when there is nothing more to judge.
    private static async Task<bool> CheckTrustedAsync(
        NpgsqlConnection connection, Checkpoint trusted, CheckpointRow? latest, FindingCollector findings, CancellationToken token)
    {
        var latestSize = latest?.TreeSize ?? 0;
        if (trusted.TreeSize > latestSize)
        {
            findings.Add(new Finding(FindingKind.Rollback, null, null, null,
                $"the trusted checkpoint is signed for {trusted.TreeSize} leaves, but the latest stored checkpoint has {latestSize}: the log was rolled back")
            { TreeSize = trusted.TreeSize });
            return false;
        }
        if (trusted.TreeSize == 0 || latest is null)
        {
            return false;
        }
        var stored = (await ReadCheckpointsAsync(connection, "where tree_size = $1", [trusted.TreeSize], token)).SingleOrDefault();
        if (stored is not null && stored.RootHash != trusted.RootHash.ToHex())
        {
            findings.Add(new Finding(FindingKind.Fork, null, null, null,
                $"the trusted checkpoint's root is {trusted.RootHash}, but the stored checkpoint at its size has root {stored.RootHash}")
            { TreeSize = trusted.TreeSize });
            return false;
        }
        if (trusted.TreeSize < latest.TreeSize && MerkleHash.TryParseHex(latest.RootHash, out var latestRoot))
        {
            ProofResult result;
            try
            {
                var proof = await MerkleProver.ProveConsistencyAsync(new DatabaseNodeSource(connection), trusted.TreeSize, latest.TreeSize, token);
                result = MerkleVerifier.VerifyConsistency(proof, trusted.RootHash.AsSpan(), latestRoot.AsSpan());
            }
            catch (InvalidOperationException)
            {
                result = ProofResult.Malformed;
            }
            if (result != ProofResult.Valid)
            {
                findings.Add(new Finding(FindingKind.Fork, null, null, null,
                    $"the stored nodes prove no consistency from the trusted checkpoint to the latest one at {latest.TreeSize} leaves ({result})")
                { TreeSize = trusted.TreeSize });
            }
        }
        return true;
    }

    // A checkpoint note must be signed by the ledger key under the origin's name and say the
    // ledger's origin; null when it does not.
    private static Checkpoint? ReadNote(string note, GenesisKeys? genesis, string what, FindingCollector findings, long? treeSize = null)
    {
        string? problem;
        Checkpoint? checkpoint = null;
        if (genesis?.CheckpointKey is not { } key)
        {
            problem = "the ledger-created event names no usable ledger key and origin to verify it under";
        }
        else if (!SignedNote.TryParse(Encoding.UTF8.GetBytes(note), out var signed))
        {
            problem = "it is not a signed note";
        }
        else if (!signed.Verify([key]).IsValid)
        {
            problem = $"no signature verifies under the ledger key {key}";
        }
        else if (!Checkpoint.TryParse(signed.Text, out checkpoint))
        {
            problem = "its text is not a checkpoint";
        }
        else
        {
            problem = checkpoint.Origin == genesis.Origin ? null : $"its origin is {checkpoint.Origin}, not the ledger's {genesis.Origin}";
        }
        if (problem is null)
        {
            return checkpoint;
        }
        findings.Add(new Finding(FindingKind.BadCheckpointSignature, null, null, null, $"{what}: {problem}") { TreeSize = treeSize ?? checkpoint?.TreeSize });
        return null;
    }

    private static async Task<List<CheckpointRow>> ReadCheckpointsAsync(
        NpgsqlConnection connection, string where, object[] parameters, CancellationToken token)
    {
        await using var command = new NpgsqlCommand($"select tree_size, root_hash, note from {Checkpoints} {where}", connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }
        var rows = new List<CheckpointRow>();
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token))
        {
            rows.Add(new CheckpointRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }
        return rows;
    }

    // The stored checkpoints in tree-size order, one page at a time.
    private sealed class CheckpointPages(NpgsqlConnection connection, int pageSize)
    {
        private readonly Queue<CheckpointRow> page = new();
        private long after = -1;
        private bool exhausted;

        public async Task<CheckpointRow?> NextAtOrBelowAsync(long treeSize, CancellationToken token)
        {
            if (page.Count == 0 && !exhausted)
            {
                var rows = await ReadCheckpointsAsync(connection, "where tree_size > $1 order by tree_size limit $2", [after, pageSize], token);
                exhausted = rows.Count < pageSize;
                foreach (var row in rows)
                {
                    page.Enqueue(row);
                    after = row.TreeSize;
                }
            }
            return page.TryPeek(out var next) && next.TreeSize <= treeSize ? page.Dequeue() : null;
        }
    }

    private sealed record LeafRow(long LeafIndex, long Sequence, string EventHash, bool HasEvent);

    // Each leaf names one sequence and each row has one, so when as many rows had a leaf as there are
    // leaves, every leaf has its event.
    private static async Task<long> CountLeavesAsync(NpgsqlConnection connection, CancellationToken token)
    {
        await using var command = new NpgsqlCommand($"select count(*) from {Leaves}", connection);
        return (long)(await command.ExecuteScalarAsync(token))!;
    }

    private static async Task<List<LeafRow>> ReadLeavesAsync(
        NpgsqlConnection connection, long from, int pageSize, bool everyLeafHasEvent, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(everyLeafHasEvent
            ? $"select leaf_index, seq, event_hash, true from {Leaves} where leaf_index >= $1 order by leaf_index limit $2"
            : $"""
              select l.leaf_index, l.seq, l.event_hash, e.seq_id is not null and not {RawEvent.TombstoneShape("e")}
              from {Leaves} l left join {Events} e on e.seq_id = l.seq
              where l.leaf_index >= $1 order by l.leaf_index limit $2
              """, connection);
        command.Parameters.AddWithValue(from);
        command.Parameters.AddWithValue(pageSize);
        var rows = new List<LeafRow>(pageSize);
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token))
        {
            rows.Add(new LeafRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetBoolean(3)));
        }
        return rows;
    }

    // The nodes a page of leaves completes lie in one span of indexes per level: one index range scan
    // each reads them, where a lookup per node would descend the index twice per leaf. The inner
    // `order by` keeps PostgreSQL from flattening the lateral scans into one hash join over every node.
    private sealed class StoredNodeSpans(NpgsqlConnection connection) : INodeSource
    {
        public async ValueTask<IReadOnlyDictionary<NodeId, MerkleHash>> GetNodesAsync(IReadOnlyCollection<NodeId> ids, CancellationToken cancellationToken)
        {
            var found = new Dictionary<NodeId, MerkleHash>(ids.Count);
            if (ids.Count == 0)
            {
                return found;
            }
            var spans = ids.GroupBy(id => id.Level).Select(level => (Level: level.Key, From: level.Min(id => id.Index), To: level.Max(id => id.Index))).ToArray();
            await using var command = new NpgsqlCommand(
                $"""
                select n.level, n.idx, n.hash from unnest($1::int[], $2::bigint[], $3::bigint[]) as span(level, first, last)
                cross join lateral (select level, idx, hash from {LogSchema.Schema}.log_nodes where level = span.level and idx between span.first and span.last order by idx) n
                """, connection);
            command.Parameters.AddWithValue(spans.Select(span => span.Level).ToArray());
            command.Parameters.AddWithValue(spans.Select(span => span.From).ToArray());
            command.Parameters.AddWithValue(spans.Select(span => span.To).ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found[new NodeId(reader.GetInt32(0), reader.GetInt64(1))] = new MerkleHash(reader.GetFieldValue<byte[]>(2));
            }
            return found;
        }
    }

    // The tree rebuilt from the stored leaves, judged against every checkpoint as it passes its size.
    private sealed class TreePass(GenesisKeys? genesis, long latestSize, List<Checkpoint> trusted, FindingCollector findings)
    {
        private readonly MerkleTreeBuilder builder = new();
        private MerkleHash? latestRoot;
        private long lastAgreedSize;
        private long? firstDisagreedSize;
        private NodeId? firstNodeMismatch;
        private long nodeMismatches;

        public long Size => builder.Size;

        // Set when the leaves stop being dense or readable: no root past that point can be rebuilt.
        public bool Stopped { get; private set; }

        public bool Append(LeafRow leaf, List<MerkleNode> completed)
        {
            if (leaf.LeafIndex != builder.Size)
            {
                Stop(builder.Size, $"leaf indexes jump from {builder.Size - 1} to {leaf.LeafIndex}: leaves {builder.Size}..{leaf.LeafIndex - 1} are missing");
                return false;
            }
            if (!MerkleHash.TryParseHex(leaf.EventHash, out var eventHash))
            {
                Stop(leaf.LeafIndex, $"the leaf's event hash {leaf.EventHash} is not 64 lowercase hex digits");
                return false;
            }
            if (!leaf.HasEvent)
            {
                findings.Add(new Finding(FindingKind.LeafMismatch, leaf.Sequence, null, null, $"leaf {leaf.LeafIndex} logs seq {leaf.Sequence}, but no event is stored there")
                { LeafIndex = leaf.LeafIndex });
            }
            completed.AddRange(builder.Append(eventHash.AsSpan()));
            foreach (var checkpoint in trusted.Where(checkpoint => checkpoint.TreeSize == builder.Size && checkpoint.RootHash != builder.Root))
            {
                findings.Add(new Finding(FindingKind.Fork, null, null, null,
                    $"the trusted checkpoint's root is {checkpoint.RootHash}, but the stored leaves rebuild {builder.Root} at its size")
                { TreeSize = checkpoint.TreeSize });
            }
            if (builder.Size == latestSize)
            {
                latestRoot = builder.Root;
            }
            return true;
        }

        // Each checkpoint is judged at its own size, so a checkpoint that agrees with the leaves also
        // agrees with every earlier one that does: consecutive checkpoints are proven consistent.
        public void Judge(CheckpointRow row)
        {
            if (ReadNote(row.Note, genesis, "the stored checkpoint", findings, row.TreeSize) is { } signed
                && (signed.TreeSize != row.TreeSize || signed.RootHash.ToHex() != row.RootHash))
            {
                findings.Add(new Finding(FindingKind.BadCheckpointSignature, null, null, null,
                    $"the note signs {signed.TreeSize} leaves with root {signed.RootHash}, but its row says {row.TreeSize} leaves with root {row.RootHash}")
                { TreeSize = row.TreeSize });
            }
            var agrees = row.TreeSize == builder.Size && !Stopped && row.RootHash == builder.Root.ToHex();
            if (agrees)
            {
                lastAgreedSize = row.TreeSize;
                return;
            }
            firstDisagreedSize ??= row.TreeSize;
            if (row.TreeSize != latestSize)
            {
                findings.Add(new Finding(FindingKind.InconsistentCheckpoint, null, null, null, row.TreeSize == builder.Size && !Stopped
                    ? $"its root is {row.RootHash}, but the stored leaves rebuild {builder.Root} at its size"
                    : $"it names {row.TreeSize} leaves, but the log holds only {builder.Size} readable in order")
                { TreeSize = row.TreeSize });
            }
        }

        public async Task CompareNodesAsync(INodeSource stored, List<MerkleNode> completed, CancellationToken token)
        {
            var hashes = await stored.GetNodesAsync([.. completed.Select(node => node.Id)], token);
            foreach (var node in completed)
            {
                if (!hashes.TryGetValue(node.Id, out var hash) || hash != node.Hash)
                {
                    nodeMismatches++;
                    // The lowest differing node is the one nearest the changed leaf; every node above it differs too.
                    if (firstNodeMismatch is not { } first || node.Id.Level < first.Level
                        || (node.Id.Level == first.Level && node.Id.FirstLeaf < first.FirstLeaf))
                    {
                        firstNodeMismatch = node.Id;
                    }
                }
            }
        }

        // The latest checkpoint's root, and the stored nodes: the first leaf whose stored subtree
        // differs from the rebuilt one names where the log was changed; without one, the checkpoints
        // that agree and disagree bound it.
        public void Finish(CheckpointRow? latest)
        {
            if (firstNodeMismatch is { } node)
            {
                findings.Add(new Finding(FindingKind.NodeMismatch, null, null, null,
                    $"{nodeMismatches} stored nodes are missing or not the hash the leaves rebuild, the first at level {node.Level} index {node.Index}, over leaves {node.FirstLeaf}..{node.FirstLeaf + node.LeafCount - 1}; proofs served from them would not verify")
                { LeafIndex = node.FirstLeaf });
            }
            if (latest is null || (latestRoot is { } root && root.ToHex() == latest.RootHash))
            {
                return;
            }
            long? leaf = firstNodeMismatch?.FirstLeaf ?? (firstDisagreedSize is not null ? lastAgreedSize : null);
            var rebuilt = latestRoot is { } rebuiltRoot ? $"the leaves rebuild {rebuiltRoot}" : $"only {builder.Size} leaves are readable in order";
            var where = firstNodeMismatch is not null
                ? $"the first leaf that differs from the stored tree is {leaf}"
                : $"the first leaf that differs lies in {lastAgreedSize}..{(firstDisagreedSize ?? latest.TreeSize) - 1}, between the last checkpoint that agrees and the first that does not";
            findings.Add(new Finding(FindingKind.RootMismatch, null, null, null,
                $"the latest checkpoint signs {latest.TreeSize} leaves with root {latest.RootHash}, but {rebuilt}; {where}")
            { TreeSize = latest.TreeSize, LeafIndex = leaf });
        }

        private void Stop(long leafIndex, string detail)
        {
            Stopped = true;
            findings.Add(new Finding(FindingKind.LeafMismatch, null, null, null, detail) { LeafIndex = leafIndex });
        }
    }
}
