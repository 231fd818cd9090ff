using Acgs.Ledger.Integrity;
using Acgs.Ledger.Integrity.Merkle;
using Acgs.Ledger.Integrity.Notes;
using Acgs.Ledger.Integrity.Verification;
using Acgs.Seeding;
using Npgsql;
using static Acgs.Ledger.Integrity.Verification.FindingKind;

namespace Acgs.Api.Tests.Integrity;

// DESIGN §4.7 level 3: every event has its leaf, the leaves rebuild every signed checkpoint, every
// checkpoint verifies under the ledger key, and the log extends the checkpoints a verifier trusts.
[Collection(IntegrityLedgerCollection.Name)]
public sealed class the_log_is_verified_against_its_leaves_and_checkpoints(IntegrityLedgerFixture fixture)
{
    private static readonly FindingKind[] LogKinds =
        [Unsealed, Quarantined, LeafMismatch, RootMismatch, NodeMismatch, InconsistentCheckpoint, BadCheckpointSignature, Rollback, Fork];

    private readonly StoredRows rows = new(fixture.DataSource);

    [Fact]
    public async Task a_clean_ledger_has_no_finding_and_names_its_latest_checkpoint()
    {
        await TamperScenario.CreateAsync(fixture);

        var report = await fixture.VerifyAsync();

        report.ShouldFindAllExactly();
        var latest = await rows.LatestCheckpointAsync();
        report.LatestCheckpoint.ShouldBe(latest.Note);
        latest.TreeSize.ShouldBe(4 + 1 + (2 * TamperScenario.EventsPerStream));
        (await fixture.VerifyAsync(null, latest.Note)).ShouldFindAllExactly();
    }

    [Fact]
    public async Task a_seal_changed_after_it_was_logged_is_a_leaf_mismatch_at_its_leaf()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var target = await rows.ReadAsync(scenario.First, 3);
        var leaf = await LeafOfAsync(target.Sequence);

        await rows.SetSealAsync(target.Sequence, (target.Seal with { Hash = new string('0', 64) }).ToHeaderText());

        var report = await fixture.VerifyAsync();
        LogFindings(report).ShouldBe([(LeafMismatch, target.Sequence, leaf)]);
        report.ShouldFindExactly((HashMismatch, target.Sequence));
    }

    [Fact]
    public async Task a_changed_leaf_is_a_root_mismatch_naming_it()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var target = await rows.ReadAsync(scenario.Second, 2);
        var leaf = await LeafOfAsync(target.Sequence);

        await rows.ChangeLogAsync($"update acgs.log_leaves set event_hash = '{new string('1', 64)}' where leaf_index = {leaf}");

        var report = await fixture.VerifyAsync();
        LogFindings(report).ShouldBe([(LeafMismatch, target.Sequence, leaf), (RootMismatch, null, leaf), (NodeMismatch, null, leaf)]);
        report.ShouldFindExactly();
    }

    // The log pass takes every leaf to have its event while the row pass counts them; a deleted row
    // breaks that count, and the leaf that logs it must still be named.
    [Fact]
    public async Task a_logged_row_deleted_is_a_leaf_mismatch_at_its_leaf()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var target = await rows.ReadAsync(scenario.Second, 2);
        var leaf = await LeafOfAsync(target.Sequence);

        await rows.ExecuteAsync("delete from acgs.mt_events where seq_id = $1", target.Sequence);

        var report = await fixture.VerifyAsync();
        LogFindings(report).ShouldBe([(LeafMismatch, target.Sequence, leaf)]);
    }

    [Fact]
    public async Task a_log_cut_back_below_a_trusted_checkpoint_is_a_rollback()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var before = await rows.LatestCheckpointAsync();
        await SealedEventSeeder.SeedAsync(fixture.Store, fixture.Host.Ledger.LedgerId, scenario.ActorId, scenario.ActorKey, actorVersion: 1,
            events: 3, eventsPerStream: 3);
        await fixture.WaitUntilSealedAsync();
        var trusted = (await fixture.VerifyAsync()).LatestCheckpoint.ShouldNotBeNull();

        await rows.CutLogAsync(before.TreeSize);

        (await fixture.VerifyAsync()).ShouldFindAllExactly();
        var report = await fixture.VerifyAsync(null, trusted);
        LogFindings(report).ShouldBe([(Rollback, null, null)]);
        report.FindingCount.ShouldBe(1);
    }

    [Fact]
    public async Task a_trusted_checkpoint_of_another_tree_is_a_fork()
    {
        await TamperScenario.CreateAsync(fixture);
        var latest = await rows.LatestCheckpointAsync();
        var origin = latest.Note[..latest.Note.IndexOf('\n', StringComparison.Ordinal)];
        using var signer = fixture.Host.Ledger.LedgerKey.AsNoteSigner(origin);
        var other = new Checkpoint(origin, latest.TreeSize - 3, MerkleTreeHasher.HashLeaf("another tree"u8));
        var trusted = SignedNote.Sign(other.ToNoteText(), signer).ToString();

        var report = await fixture.VerifyAsync(null, trusted);

        LogFindings(report).Select(finding => finding.Kind).Distinct().ShouldBe([Fork]);
        report.Findings.ShouldAllBe(finding => finding.TreeSize == other.TreeSize);
    }

    [Fact]
    public async Task a_checkpoint_with_one_byte_of_its_signature_changed_is_a_bad_checkpoint_signature()
    {
        await TamperScenario.CreateAsync(fixture);
        var latest = await rows.LatestCheckpointAsync();
        var lines = latest.Note.TrimEnd('\n').Split('\n');
        var signatureLine = lines[^1];
        var space = signatureLine.LastIndexOf(' ');
        var signature = Convert.FromBase64String(signatureLine[(space + 1)..]);
        signature[10] ^= 0x01;
        var forged = string.Join('\n', lines[..^1]) + "\n" + signatureLine[..(space + 1)] + Convert.ToBase64String(signature) + "\n";

        await rows.ChangeLogAsync(["update acgs.log_checkpoints set note = $1 where tree_size = $2"], [forged, latest.TreeSize]);

        var report = await fixture.VerifyAsync();
        LogFindings(report).ShouldBe([(BadCheckpointSignature, null, null)]);
        report.Findings.Single().TreeSize.ShouldBe(latest.TreeSize);
    }

    [Fact]
    public async Task an_event_no_leaf_logs_a_minute_after_it_was_recorded_is_unsealed()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var last = (await rows.ReadAsync(scenario.First, TamperScenario.EventsPerStream)).Seal;
        var recordedAt = LedgerTimestamp.Truncate(DateTimeOffset.UtcNow.AddMinutes(-10));
        var submission = last.Input.Submission with
        {
            SubmissionId = Guid.CreateVersion7(), ExpectedVersion = TamperScenario.EventsPerStream, SubmittedAt = recordedAt,
        };
        var seal = EventSeal.Create(last.Input with
        {
            Version = TamperScenario.EventsPerStream + 1,
            Submission = submission,
            Signature = submission.Sign(scenario.ActorKey),
            RecordedAt = recordedAt,
            Prev = last.Hash,
        });

        // Taken off the sealer's queue in the transaction that appends it: the sealer never sees it.
        var data = (await rows.ReadAsync(scenario.First, TamperScenario.EventsPerStream)).Data;
        long inserted;
        await using (var connection = await fixture.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var insert = new NpgsqlCommand(
                """
                insert into acgs.mt_events (seq_id, id, stream_id, version, data, type, headers)
                values (nextval('acgs.mt_events_sequence'), gen_random_uuid(), $1, $2, $3::jsonb, $4, jsonb_build_object('acgs.seal', $5::text))
                returning seq_id
                """, connection))
            {
                insert.Parameters.AddWithValue(scenario.First);
                insert.Parameters.AddWithValue(TamperScenario.EventsPerStream + 1L);
                insert.Parameters.AddWithValue(data);
                insert.Parameters.AddWithValue(submission.Type);
                insert.Parameters.AddWithValue(seal.ToHeaderText());
                inserted = (long)(await insert.ExecuteScalarAsync())!;
            }
            await using (var dequeue = new NpgsqlCommand("delete from acgs.unsealed where seq = $1", connection))
            {
                dequeue.Parameters.AddWithValue(inserted);
                await dequeue.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }

        var report = await fixture.VerifyAsync();
        LogFindings(report).ShouldBe([(Unsealed, inserted, null)]);
    }

    private static List<(FindingKind Kind, long? Sequence, long? Leaf)> LogFindings(VerificationReport report) =>
        [.. report.Findings.Where(finding => LogKinds.Contains(finding.Kind)).Select(finding => (finding.Kind, finding.Sequence, finding.LeafIndex))];

    private async Task<long> LeafOfAsync(long sequence)
    {
        await using var command = fixture.DataSource.CreateCommand("select leaf_index from acgs.log_leaves where seq = $1");
        command.Parameters.AddWithValue(sequence);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
