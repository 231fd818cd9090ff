using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Integrity.Verification;
using static Acgs.Ledger.Integrity.Verification.FindingKind;

namespace Acgs.Api.Tests.Integrity;

// DESIGN §4.7: any change to any byte of any row — data, headers, type, version, a deleted, inserted
// or moved row — is found with the right kind at the right sequence.
[Collection(IntegrityLedgerCollection.Name)]
public sealed class tampered_rows_are_found_and_pinpointed(IntegrityLedgerFixture fixture)
{
    private readonly StoredRows rows = new(fixture.DataSource);

    [Fact]
    public async Task one_changed_byte_of_data_is_a_payload_mismatch()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var target = await rows.ReadAsync(scenario.First, 3);

        await rows.ExecuteAsync("update acgs.mt_events set data = $2::jsonb where seq_id = $1",
            target.Sequence, target.Data.Replace("council", "counciL", StringComparison.Ordinal));

        (await fixture.VerifyAsync()).ShouldFindExactly((PayloadMismatch, target.Sequence));
    }

    [Fact]
    public async Task a_changed_type_is_a_type_mismatch()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var target = await rows.ReadAsync(scenario.First, 3);

        await rows.ExecuteAsync("update acgs.mt_events set type = 'constitution-adopted' where seq_id = $1", target.Sequence);

        (await fixture.VerifyAsync()).ShouldFindExactly((TypeMismatch, target.Sequence));
    }

    [Fact]
    public async Task a_changed_version_is_a_version_mismatch()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var target = await rows.ReadAsync(scenario.First, 3);

        await rows.ExecuteAsync("update acgs.mt_events set version = 1000 where seq_id = $1", target.Sequence);

        (await fixture.VerifyAsync()).ShouldFindExactly((VersionMismatch, target.Sequence));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(TamperScenario.EventsPerStream)]
    public async Task a_deleted_row_is_a_missing_event_at_its_sequence(long version)
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var deleted = await rows.ReadAsync(scenario.First, version);
        long? next = version < TamperScenario.EventsPerStream ? (await rows.ReadAsync(scenario.First, version + 1)).Sequence : null;

        await rows.ExecuteAsync("delete from acgs.mt_events where seq_id = $1", deleted.Sequence);

        // Its submission record names the deleted sequence; the stream shows the gap at the next
        // version, or, for the last, its head names a version no row holds.
        (await fixture.VerifyAsync()).ShouldFindExactly((MissingEvent, deleted.Sequence), (MissingEvent, next));
    }

    [Fact]
    public async Task swapped_data_of_two_rows_is_a_payload_mismatch_at_both()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var second = await rows.ReadAsync(scenario.First, 2);
        var third = await rows.ReadAsync(scenario.First, 3);

        await rows.ExecuteAsync("update acgs.mt_events set data = $2::jsonb where seq_id = $1", second.Sequence, third.Data);
        await rows.ExecuteAsync("update acgs.mt_events set data = $2::jsonb where seq_id = $1", third.Sequence, second.Data);

        (await fixture.VerifyAsync()).ShouldFindExactly((PayloadMismatch, second.Sequence), (PayloadMismatch, third.Sequence));
    }

    [Fact]
    public async Task a_row_inserted_without_a_seal_is_unsealed()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var last = await rows.ReadAsync(scenario.First, TamperScenario.EventsPerStream);

        var inserted = await rows.InsertAsync(scenario.First, TamperScenario.EventsPerStream + 1, last.Type, last.Data, sealText: null);

        (await fixture.VerifyAsync()).ShouldFindExactly((Unsealed, inserted));
    }

    [Fact]
    public async Task a_row_sealed_by_an_unregistered_key_is_an_unknown_key()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var last = (await rows.ReadAsync(scenario.First, TamperScenario.EventsPerStream)).Seal;
        using var forger = SigningKey.Generate();
        var submission = last.Input.Submission with
        {
            SubmissionId = Guid.CreateVersion7(),
            ActorId = Guid.CreateVersion7(),
            KeyId = forger.KeyId,
            ExpectedVersion = TamperScenario.EventsPerStream,
        };
        var seal = EventSeal.Create(last.Input with
        {
            Version = TamperScenario.EventsPerStream + 1,
            Submission = submission,
            Signature = submission.Sign(forger),
            Prev = last.Hash,
        });

        var inserted = await rows.InsertAsync(scenario.First, TamperScenario.EventsPerStream + 1, submission.Type,
            (await rows.ReadAsync(scenario.First, TamperScenario.EventsPerStream)).Data, seal.ToHeaderText());

        // Nothing in the append path saw it, so no submission record names it either.
        (await fixture.VerifyAsync()).ShouldFindExactly((UnknownKey, inserted), (UnrecordedSubmission, inserted));
    }

    [Fact]
    public async Task an_old_signed_submission_appended_again_is_a_duplicate_submission()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var original = await rows.ReadAsync(scenario.First, 2);
        var last = (await rows.ReadAsync(scenario.First, TamperScenario.EventsPerStream)).Seal;
        var copy = EventSeal.Create(original.Seal.Input with
        {
            Version = TamperScenario.EventsPerStream + 1,
            Prev = last.Hash,
            RecordedAt = last.Input.RecordedAt,
        });

        var inserted = await rows.InsertAsync(scenario.First, TamperScenario.EventsPerStream + 1, original.Type, original.Data, copy.ToHeaderText());

        (await fixture.VerifyAsync()).ShouldFindExactly((DuplicateSubmission, inserted), (SubmissionMismatch, inserted));
    }

    [Fact]
    public async Task a_signed_submission_moved_to_another_stream_and_relinked_is_a_submission_mismatch()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        // The second stream's last event is the newest row: moved to the end of the first stream, it
        // keeps the log's order, and only what the actor signed can tell.
        var moved = await rows.ReadAsync(scenario.Second, TamperScenario.EventsPerStream);
        var head = (await rows.ReadAsync(scenario.First, TamperScenario.EventsPerStream)).Seal;
        var newVersion = TamperScenario.EventsPerStream + 1;
        var seal = EventSeal.Create(moved.Seal.Input with { StreamId = scenario.First, Version = newVersion, Prev = head.Hash });

        await rows.ExecuteAsync("update acgs.mt_events set stream_id = $2, version = $3 where seq_id = $1", moved.Sequence, scenario.First, (long)newVersion);
        await rows.SetSealAsync(moved.Sequence, seal.ToHeaderText());
        await rows.ExecuteAsync("update acgs.mt_streams set version = version + 1 where id = $1", scenario.First);
        await rows.ExecuteAsync("update acgs.mt_streams set version = version - 1 where id = $1", scenario.Second);

        (await fixture.VerifyAsync()).ShouldFindExactly((SubmissionMismatch, moved.Sequence));
    }

    // A page's records are read by its range of sequences, cut at the page's length: records planted
    // in that range push real ones out of it, and those must still be found (by id), not reported.
    [Fact]
    public async Task records_planted_among_a_pages_sequences_are_found_and_hide_no_events_record()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var target = await rows.ReadAsync(scenario.First, 1);

        for (var planted = 0; planted < 3; planted++)
        {
            await rows.ExecuteAsync("insert into acgs.submissions (submission_id, submission_sha256, seq) values ($1, $2, $3)",
                Guid.CreateVersion7(), new string('0', Sha256Hex.Length), target.Sequence);
        }

        (await fixture.VerifyAsync()).ShouldFindExactly(
            (MissingEvent, target.Sequence), (MissingEvent, target.Sequence), (MissingEvent, target.Sequence));
    }

    [Fact]
    public async Task rows_swapped_in_sequence_order_are_found_at_both_sequences()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var second = await rows.ReadAsync(scenario.First, 2);
        var third = await rows.ReadAsync(scenario.First, 3);
        var fourth = await rows.ReadAsync(scenario.First, 4);

        await rows.ExecuteAsync("update acgs.mt_events set seq_id = -1 where seq_id = $1", second.Sequence);
        await rows.ExecuteAsync("update acgs.mt_events set seq_id = $2 where seq_id = $1", fourth.Sequence, second.Sequence);
        await rows.ExecuteAsync("update acgs.mt_events set seq_id = $1 where seq_id = -1", fourth.Sequence);

        var report = await fixture.VerifyAsync();

        report.Findings.ShouldContain(finding => finding.Kind == MissingEvent && finding.Sequence == second.Sequence);
        report.Findings.ShouldContain(finding => finding.Kind == VersionMismatch && finding.Sequence == third.Sequence);
        report.Findings.ShouldContain(finding => finding.Kind == VersionMismatch && finding.Sequence == fourth.Sequence);
        report.Findings.ShouldAllBe(finding => finding.Sequence == second.Sequence || finding.Sequence == third.Sequence || finding.Sequence == fourth.Sequence);
    }

    [Fact]
    public async Task an_event_resealed_without_the_actors_key_is_a_bad_signature()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var target = await rows.ReadAsync(scenario.First, 3);
        var forgedData = target.Data.Replace("no changes", "two policies revoked", StringComparison.Ordinal);
        using var forged = System.Text.Json.JsonDocument.Parse(forgedData);
        var submission = target.Seal.Input.Submission with { PayloadHash = PayloadHash.Compute(forged.RootElement) };

        await rows.ExecuteAsync("update acgs.mt_events set data = $2::jsonb where seq_id = $1", target.Sequence, forgedData);
        await rows.ResealAsync(scenario.First, 3, input => input with { Submission = submission });
        await rows.ExecuteAsync("update acgs.submissions set submission_sha256 = $2 where submission_id = $1",
            submission.SubmissionId, Sha256Hex.Of(CanonicalJson.Serialize(submission)));

        // Data, payloadHash, hash, links and record all agree: only the actor's signature tells.
        (await fixture.VerifyAsync()).ShouldFindExactly((BadSignature, target.Sequence));
    }

    [Fact]
    public async Task an_actors_key_changed_in_its_own_stream_is_found_there_and_at_every_event_it_judged()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        var registration = await rows.ReadAsync(scenario.ActorId, 1);
        using var forger = SigningKey.Generate();

        await rows.ExecuteAsync("update acgs.mt_events set data = jsonb_set(data, '{publicKey}', to_jsonb($2::text)) where seq_id = $1",
            registration.Sequence, forger.PublicKey.ToBase64());

        var report = await fixture.VerifyAsync();
        var signedByTheActor = (await rows.StreamAsync(scenario.First)).Concat(await rows.StreamAsync(scenario.Second))
            .Select(row => (UnknownKey, (long?)row.Sequence));
        // The actor's inline snapshot still holds the key it was registered with: a replay gives the forged one.
        report.ShouldFindExactly([(PayloadMismatch, registration.Sequence), (ProjectionDrift, null), .. signedByTheActor]);
    }
}
