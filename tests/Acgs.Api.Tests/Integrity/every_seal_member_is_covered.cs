using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity;
using static Acgs.Ledger.Integrity.Verification.FindingKind;

namespace Acgs.Api.Tests.Integrity;

// Each member of the seal, changed by someone who then recomputes the hash and relinks the rest of
// the stream (the strongest forger without an actor's key), is still found, and named.
[Collection(IntegrityLedgerCollection.Name)]
public sealed class every_seal_member_is_covered(IntegrityLedgerFixture fixture)
{
    private const long TargetVersion = 3;

    private readonly StoredRows rows = new(fixture.DataSource);

    [Fact]
    public async Task the_signature()
    {
        var (scenario, target) = await TargetAsync();
        var other = (await rows.ReadAsync(scenario.First, TargetVersion + 1)).Seal.Input.Signature;

        await rows.ResealAsync(scenario.First, TargetVersion, input => input with { Signature = other });

        (await fixture.VerifyAsync()).ShouldFindExactly((BadSignature, target));
    }

    [Fact]
    public async Task prev()
    {
        var (scenario, target) = await TargetAsync();
        var first = (await rows.ReadAsync(scenario.First, 1)).Seal.Hash;

        await rows.ResealAsync(scenario.First, TargetVersion, input => input with { Prev = first });

        (await fixture.VerifyAsync()).ShouldFindExactly((BrokenLink, target));
    }

    [Fact]
    public async Task the_hash()
    {
        var (scenario, target) = await TargetAsync();
        var seal = (await rows.ReadAsync(scenario.First, TargetVersion)).Seal;

        await rows.SetSealAsync(target, (seal with { Hash = Sha256Hex.Of("another event"u8) }).ToHeaderText());

        (await fixture.VerifyAsync()).ShouldFindExactly((HashMismatch, target));
    }

    [Fact]
    public async Task payload_hash()
    {
        var (scenario, target) = await TargetAsync();

        await rows.ResealAsync(scenario.First, TargetVersion,
            input => input with { Submission = input.Submission with { PayloadHash = Sha256Hex.Of("another payload"u8) } });

        // The signature covers payloadHash, and the submission record its old bytes.
        (await fixture.VerifyAsync()).ShouldFindExactly((PayloadMismatch, target), (BadSignature, target), (UnrecordedSubmission, target));
    }

    [Fact]
    public async Task actor_id()
    {
        var (scenario, target) = await TargetAsync();

        await rows.ResealAsync(scenario.First, TargetVersion,
            input => input with { Submission = input.Submission with { ActorId = fixture.Host.Ledger.AdminId } });

        (await fixture.VerifyAsync()).ShouldFindExactly((UnknownKey, target), (UnrecordedSubmission, target));
    }

    [Fact]
    public async Task key_id()
    {
        var (scenario, target) = await TargetAsync();
        using var other = SigningKey.Generate();

        await rows.ResealAsync(scenario.First, TargetVersion,
            input => input with { Submission = input.Submission with { KeyId = other.KeyId } });

        (await fixture.VerifyAsync()).ShouldFindExactly((UnknownKey, target), (UnrecordedSubmission, target));
    }

    [Fact]
    public async Task submitted_at()
    {
        var (scenario, target) = await TargetAsync();

        await rows.ResealAsync(scenario.First, TargetVersion,
            input => input with { Submission = input.Submission with { SubmittedAt = input.Submission.SubmittedAt.AddMilliseconds(1) } });

        (await fixture.VerifyAsync()).ShouldFindExactly((BadSignature, target), (UnrecordedSubmission, target));
    }

    [Fact]
    public async Task recorded_at_before_the_previous_event()
    {
        var (scenario, target) = await TargetAsync();
        var previous = (await rows.ReadAsync(scenario.First, TargetVersion - 1)).Seal.Input.RecordedAt;

        await rows.ResealAsync(scenario.First, TargetVersion, input => input with { RecordedAt = previous.AddSeconds(-1) });

        (await fixture.VerifyAsync()).ShouldFindExactly((TimeReversal, target));
    }

    [Fact]
    public async Task recorded_at_far_from_submitted_at()
    {
        var (scenario, target) = await TargetAsync();

        await rows.ResealAsync(scenario.First, TargetVersion, input => input with { RecordedAt = input.RecordedAt.AddHours(1) });

        // Later events of the stream now come before it in time, too.
        (await fixture.VerifyAsync()).ShouldFindExactly(
            (SubmissionMismatch, target),
            (TimeReversal, (await rows.ReadAsync(scenario.First, TargetVersion + 1)).Sequence));
    }

    [Fact]
    public async Task actor_version()
    {
        var (scenario, target) = await TargetAsync();

        await rows.ResealAsync(scenario.First, TargetVersion, input => input with { ActorVersion = 2 });

        (await fixture.VerifyAsync()).ShouldFindExactly((KeyNotActive, target));
    }

    [Fact]
    public async Task actor_version_zero_is_for_genesis_only()
    {
        var (scenario, target) = await TargetAsync();

        await rows.ResealAsync(scenario.First, TargetVersion, input => input with { ActorVersion = 0 });

        (await fixture.VerifyAsync()).ShouldFindExactly((KeyNotActive, target));
    }

    [Fact]
    public async Task the_seals_ledger_id()
    {
        var (scenario, target) = await TargetAsync();

        await rows.ResealAsync(scenario.First, TargetVersion, input => input with { LedgerId = Guid.CreateVersion7() });

        (await fixture.VerifyAsync()).ShouldFindExactly((WrongLedger, target));
    }

    [Fact]
    public async Task the_submissions_ledger_id()
    {
        var (scenario, target) = await TargetAsync();

        await rows.ResealAsync(scenario.First, TargetVersion,
            input => input with { Submission = input.Submission with { LedgerId = Guid.CreateVersion7() } });

        (await fixture.VerifyAsync()).ShouldFindExactly((WrongLedger, target), (BadSignature, target), (UnrecordedSubmission, target));
    }

    [Fact]
    public async Task a_member_edited_in_place_no_longer_hashes_to_the_seal()
    {
        var (scenario, target) = await TargetAsync();
        var seal = (await rows.ReadAsync(scenario.First, TargetVersion)).Seal;
        var next = await rows.ReadAsync(scenario.First, TargetVersion + 1);

        await rows.SetSealAsync(target, (seal with { Input = seal.Input with { Signature = next.Seal.Input.Signature } }).ToHeaderText());

        // The next event links to the hash the seal had; its members now hash to something else.
        (await fixture.VerifyAsync()).ShouldFindExactly((HashMismatch, target), (BadSignature, target), (BrokenLink, next.Sequence));
    }

    [Fact]
    public async Task a_seal_not_in_canonical_form_is_a_bad_seal()
    {
        var (scenario, target) = await TargetAsync();
        var seal = (await rows.ReadAsync(scenario.First, TargetVersion)).SealText!;

        await rows.SetSealAsync(target, seal.Replace("\"version\":", "\"version\": ", StringComparison.Ordinal));

        (await fixture.VerifyAsync()).ShouldFindExactly((BadSeal, target));
    }

    [Fact]
    public async Task headers_beyond_the_seal_are_a_bad_seal()
    {
        var (_, target) = await TargetAsync();

        await rows.ExecuteAsync("update acgs.mt_events set headers = headers || '{\"note\": \"harmless?\"}'::jsonb where seq_id = $1", target);

        (await fixture.VerifyAsync()).ShouldFindExactly((BadSeal, target));
    }

    private async Task<(TamperScenario Scenario, long Target)> TargetAsync()
    {
        var scenario = await TamperScenario.CreateAsync(fixture);
        return (scenario, (await rows.ReadAsync(scenario.First, TargetVersion)).Sequence);
    }
}
