using System.Net;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Api.Tests.Submissions;

// DESIGN §4.2 and §4.5: a submission counts only if the actor's current key signed it, for this
// ledger, recently, and the actor may perform the act.
[Collection(LedgerHostCollection.Name)]
public sealed class unauthorised_submissions_are_refused_and_nothing_is_appended(LedgerHostFixture fixture)
{
    private readonly Submitter submitter = new(fixture.Host);

    [Fact]
    public async Task a_signature_by_another_key()
    {
        using var other = SigningKey.Generate();
        var request = AdminRegistration();
        var forged = request with { Signature = WireEncoding.ToBase64(other.Sign(request.Submission.SigningInput())) };

        await submitter.ShouldRefuseAsync("/v1/actors", forged, HttpStatusCode.Unauthorized, "bad-signature");
    }

    [Fact]
    public async Task a_genuine_signature_over_another_submission()
    {
        var request = AdminRegistration();
        var borrowed = request with { Signature = AdminRegistration().Signature };

        await submitter.ShouldRefuseAsync("/v1/actors", borrowed, HttpStatusCode.Unauthorized, "bad-signature");
    }

    [Fact]
    public async Task a_key_id_no_actor_holds()
    {
        using var stranger = SigningKey.Generate();
        var actorId = Guid.CreateVersion7();
        using var key = SigningKey.Generate();
        var request = submitter.Sign(Submitter.Registration(submitter.Ledger.LedgerId, actorId, key, Role.Council),
            EventTypes.ActorRegistered, submitter.Ledger.AdminId, stranger, actorId, 0);

        await submitter.ShouldRefuseAsync("/v1/actors", request, HttpStatusCode.Unauthorized, "unknown-key");
    }

    [Fact]
    public async Task a_key_that_belongs_to_another_actor()
    {
        var (_, councilKey) = await submitter.RegisterAsync(Role.Council);
        var actorId = Guid.CreateVersion7();
        using var key = SigningKey.Generate();
        var request = submitter.Sign(Submitter.Registration(submitter.Ledger.LedgerId, actorId, key, Role.Council),
            EventTypes.ActorRegistered, submitter.Ledger.AdminId, councilKey, actorId, 0);

        await submitter.ShouldRefuseAsync("/v1/actors", request, HttpStatusCode.Unauthorized, "unknown-key");
    }

    [Fact]
    public async Task another_ledgers_id()
    {
        var otherLedger = Guid.CreateVersion7();
        var actorId = Guid.CreateVersion7();
        using var key = SigningKey.Generate();
        var request = submitter.Sign(Submitter.Registration(otherLedger, actorId, key, Role.Council),
            EventTypes.ActorRegistered, submitter.Ledger.AdminId, submitter.Ledger.AdminKey, actorId, 0, ledgerId: otherLedger);

        await submitter.ShouldRefuseAsync("/v1/actors", request, HttpStatusCode.BadRequest, "wrong-ledger");
    }

    [Theory]
    [InlineData(6)]
    [InlineData(-6)]
    [InlineData(-60 * 24)]
    public async Task submitted_more_than_five_minutes_from_the_ledgers_clock(int minutes)
    {
        var request = AdminRegistration(DateTimeOffset.UtcNow.AddMinutes(minutes));

        await submitter.ShouldRefuseAsync("/v1/actors", request, HttpStatusCode.BadRequest, "stale-submission");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(-4)]
    public async Task submitted_within_five_minutes_either_way_is_accepted(int minutes)
    {
        await submitter.ShouldAcceptAsync("/v1/actors", AdminRegistration(DateTimeOffset.UtcNow.AddMinutes(minutes)));
    }

    [Fact]
    public async Task a_key_rotated_out()
    {
        var (adminId, oldKey) = await submitter.RegisterAsync(Role.Admin);
        var newKey = await submitter.RotateAsync(adminId, oldKey, 1);

        var request = submitter.RegistrationSignedBy(adminId, oldKey);

        await submitter.ShouldRefuseAsync("/v1/actors", request, HttpStatusCode.Forbidden, "key-not-active");
        await submitter.ShouldAcceptAsync("/v1/actors", submitter.RegistrationSignedBy(adminId, newKey));
    }

    [Fact]
    public async Task a_suspended_actor()
    {
        var (adminId, key) = await submitter.RegisterAsync(Role.Admin);
        await submitter.ShouldAcceptAsync($"/v1/actors/{adminId}/suspension",
            submitter.SignAsAdmin(new ActorSuspended(adminId, "under review"), EventTypes.ActorSuspended, adminId, 1));

        await submitter.ShouldRefuseAsync("/v1/actors", submitter.RegistrationSignedBy(adminId, key), HttpStatusCode.Forbidden, "actor-suspended");
    }

    [Fact]
    public async Task a_role_that_does_not_allow_the_act()
    {
        var (councilId, key) = await submitter.RegisterAsync(Role.Council);

        await submitter.ShouldRefuseAsync("/v1/actors", submitter.RegistrationSignedBy(councilId, key), HttpStatusCode.Forbidden, "role-not-allowed");
    }

    private SignedRequest AdminRegistration(DateTimeOffset? submittedAt = null) =>
        submitter.RegistrationSignedBy(submitter.Ledger.AdminId, submitter.Ledger.AdminKey, submittedAt);
}
