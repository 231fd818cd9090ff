using System.Net;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;

namespace Acgs.Api.Tests.Submissions;

// DESIGN §4.2: idempotency is judged right after the signature, so the identical request always
// gets the answer it got the first time; the same id with other bytes, or a stale expected
// version, is a conflict that appends nothing.
[Collection(LedgerHostCollection.Name)]
public sealed class a_retry_gets_the_stored_answer_and_a_conflict_gets_409(LedgerHostFixture fixture)
{
    private readonly Submitter submitter = new(fixture.Host);

    [Fact]
    public async Task the_same_request_after_the_signer_rotated_its_key_returns_the_stored_answer()
    {
        var (adminId, key) = await submitter.RegisterAsync(Role.Admin);
        var request = submitter.RegistrationSignedBy(adminId, key);
        var first = await submitter.PostAsync("/v1/actors", request);
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        await submitter.RotateAsync(adminId, key, 1);

        var retry = await submitter.PostAsync("/v1/actors", request);

        retry.StatusCode.ShouldBe(HttpStatusCode.Created, await retry.Content.ReadAsStringAsync());
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        retry.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await submitter.Rows.CountAsync(request.Submission.StreamId)).Stream.ShouldBe(1);
    }

    [Fact]
    public async Task the_same_request_sent_concurrently_is_recorded_once_and_answered_alike()
    {
        var request = submitter.RegistrationSignedBy(submitter.Ledger.AdminId, submitter.Ledger.AdminKey);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => submitter.PostAsync("/v1/actors", request)));

        var bodies = await Task.WhenAll(responses.Select(response => response.Content.ReadAsStringAsync()));
        responses.ShouldAllBe(response => response.StatusCode == HttpStatusCode.Created, string.Join("\n", bodies));
        bodies.Distinct().Count().ShouldBe(1);
        (await submitter.Rows.CountAsync(request.Submission.StreamId)).Stream.ShouldBe(1);
    }

    [Fact]
    public async Task a_submission_id_reused_with_a_different_body_is_a_conflict()
    {
        var admin = submitter.Ledger;
        var first = submitter.RegistrationSignedBy(admin.AdminId, admin.AdminKey);
        await submitter.ShouldAcceptAsync("/v1/actors", first);
        var recorded = await submitter.Rows.SubmissionSequenceAsync(first.Submission.SubmissionId);
        var reuse = submitter.RegistrationSignedBy(admin.AdminId, admin.AdminKey, submissionId: first.Submission.SubmissionId);
        var before = await submitter.Rows.CountAsync(reuse.Submission.StreamId);

        var response = await submitter.PostAsync("/v1/actors", reuse);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "submission-id-reused");
        (await submitter.Rows.CountAsync(reuse.Submission.StreamId)).ShouldBe(before);
        before.Stream.ShouldBe(0);
        (await submitter.Rows.SubmissionSequenceAsync(first.Submission.SubmissionId)).ShouldBe(recorded);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(3)]
    public async Task an_expected_version_other_than_the_streams_is_a_conflict(long expectedVersion)
    {
        var (actorId, _) = await submitter.RegisterAsync(Role.Council);
        await submitter.ShouldAcceptAsync($"/v1/actors/{actorId}/roles",
            submitter.SignAsAdmin(new ActorRolesChanged(actorId, [Role.Auditor]), EventTypes.ActorRolesChanged, actorId, 1));

        await submitter.ShouldRefuseAsync($"/v1/actors/{actorId}/roles",
            submitter.SignAsAdmin(new ActorRolesChanged(actorId, [Role.Verifier]), EventTypes.ActorRolesChanged, actorId, expectedVersion),
            HttpStatusCode.Conflict, "version-conflict");
    }

    [Fact]
    public async Task registering_an_existing_actor_again_is_a_conflict()
    {
        var (actorId, _) = await submitter.RegisterAsync(Role.Council);
        using var otherKey = SigningKey.Generate();

        await submitter.ShouldRefuseAsync("/v1/actors",
            submitter.SignAsAdmin(Submitter.Registration(submitter.Ledger.LedgerId, actorId, otherKey, Role.Admin), EventTypes.ActorRegistered, actorId, 0),
            HttpStatusCode.Conflict, "version-conflict");
    }
}
