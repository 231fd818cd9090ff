using System.Net;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;

namespace Acgs.Api.Tests.Actors;

// DESIGN §4.5: a key enters the ledger only with its holder's proof of possession, only if it is a
// strong key never registered before, and only through its actor (rotation) or two Admins (reset).
[Collection(LedgerHostCollection.Name)]
public sealed class actor_acts_that_break_key_rules_are_refused_and_nothing_is_appended(LedgerHostFixture fixture)
{
    private readonly Submitter submitter = new(fixture.Host);

    private Guid LedgerId => submitter.Ledger.LedgerId;

    [Fact]
    public async Task a_registration_without_a_proof_of_possession()
    {
        var actorId = Guid.CreateVersion7();
        using var key = SigningKey.Generate();
        var registration = Submitter.Registration(LedgerId, actorId, key, Role.Council) with { ProofOfPossession = "" };

        await RefuseRegistrationAsync(registration, HttpStatusCode.UnprocessableEntity, "invalid-proof-of-possession");
    }

    [Fact]
    public async Task a_proof_of_possession_signed_by_another_key()
    {
        var actorId = Guid.CreateVersion7();
        using var key = SigningKey.Generate();
        using var other = SigningKey.Generate();
        var registration = Submitter.Registration(LedgerId, actorId, key, Role.Council) with
        {
            ProofOfPossession = Submitter.Registration(LedgerId, actorId, other, Role.Council).ProofOfPossession,
        };

        await RefuseRegistrationAsync(registration, HttpStatusCode.UnprocessableEntity, "invalid-proof-of-possession");
    }

    [Fact]
    public async Task a_proof_of_possession_made_for_another_actor()
    {
        var actorId = Guid.CreateVersion7();
        using var key = SigningKey.Generate();
        var registration = Submitter.Registration(LedgerId, actorId, key, Role.Council) with
        {
            ProofOfPossession = Submitter.Registration(LedgerId, Guid.CreateVersion7(), key, Role.Council).ProofOfPossession,
        };

        await RefuseRegistrationAsync(registration, HttpStatusCode.UnprocessableEntity, "invalid-proof-of-possession");
    }

    [Fact]
    public async Task a_proof_of_possession_made_for_another_ledger()
    {
        var actorId = Guid.CreateVersion7();
        using var key = SigningKey.Generate();
        var registration = Submitter.Registration(LedgerId, actorId, key, Role.Council) with
        {
            ProofOfPossession = Submitter.Registration(Guid.CreateVersion7(), actorId, key, Role.Council).ProofOfPossession,
        };

        await RefuseRegistrationAsync(registration, HttpStatusCode.UnprocessableEntity, "invalid-proof-of-possession");
    }

    // The identity point, the all-zero point and a point of order 8 (libsodium's list): every
    // signature "verifies" under some of them, so whoever registered one could sign as anyone.
    [Theory]
    [InlineData("0100000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05")]
    public async Task a_small_order_public_key(string hex)
    {
        var actorId = Guid.CreateVersion7();
        using var key = SigningKey.Generate();
        var registration = Submitter.Registration(LedgerId, actorId, key, Role.Council) with
        {
            PublicKey = Convert.ToBase64String(Convert.FromHexString(hex)),
        };

        await RefuseRegistrationAsync(registration, HttpStatusCode.UnprocessableEntity, "invalid-key");
    }

    [Fact]
    public async Task a_key_already_registered_to_another_actor()
    {
        var (_, takenKey) = await submitter.RegisterAsync(Role.Council);
        var actorId = Guid.CreateVersion7();

        await RefuseRegistrationAsync(Submitter.Registration(LedgerId, actorId, takenKey, Role.Council), HttpStatusCode.Conflict, "key-in-use");
    }

    [Fact]
    public async Task a_rotation_whose_proof_of_possession_is_by_another_key()
    {
        var (actorId, key) = await submitter.RegisterAsync(Role.Council);
        using var next = SigningKey.Generate();
        using var other = SigningKey.Generate();
        var rotation = Submitter.Rotation(LedgerId, actorId, next) with
        {
            ProofOfPossession = Submitter.Rotation(LedgerId, actorId, other).ProofOfPossession,
        };

        await submitter.ShouldRefuseAsync($"/v1/actors/{actorId}/keys",
            submitter.Sign(rotation, EventTypes.ActorKeyRotated, actorId, key, actorId, 1),
            HttpStatusCode.UnprocessableEntity, "invalid-proof-of-possession");
    }

    [Fact]
    public async Task a_rotation_signed_by_an_admin_instead_of_the_actor()
    {
        var (actorId, _) = await submitter.RegisterAsync(Role.Council);
        using var next = SigningKey.Generate();

        await submitter.ShouldRefuseAsync($"/v1/actors/{actorId}/keys",
            submitter.SignAsAdmin(Submitter.Rotation(LedgerId, actorId, next), EventTypes.ActorKeyRotated, actorId, 1),
            HttpStatusCode.Forbidden, "role-not-allowed");
    }

    [Fact]
    public async Task a_rotation_signed_by_another_actor()
    {
        var (actorId, _) = await submitter.RegisterAsync(Role.Council);
        var (otherId, otherKey) = await submitter.RegisterAsync(Role.Council);
        using var next = SigningKey.Generate();

        await submitter.ShouldRefuseAsync($"/v1/actors/{actorId}/keys",
            submitter.Sign(Submitter.Rotation(LedgerId, actorId, next), EventTypes.ActorKeyRotated, otherId, otherKey, actorId, 1),
            HttpStatusCode.Forbidden, "role-not-allowed");
    }

    [Fact]
    public async Task a_forced_reset_approved_by_the_admin_who_proposed_it_once_there_are_two_admins()
    {
        await submitter.RegisterAsync(Role.Admin);
        var (actorId, _) = await submitter.RegisterAsync(Role.Council);
        using var replacement = SigningKey.Generate();
        var resetId = Guid.CreateVersion7();
        var proposal = new ActorKeyResetProposed(actorId, resetId, submitter.Ledger.AdminId, replacement.PublicKey.ToBase64(),
            ProofOfPossession.For(LedgerId, actorId, replacement.PublicKey).Sign(replacement), "key lost");
        await submitter.ShouldAcceptAsync($"/v1/actors/{actorId}/key-resets",
            submitter.SignAsAdmin(proposal, EventTypes.ActorKeyResetProposed, actorId, 1));

        await submitter.ShouldRefuseAsync($"/v1/actors/{actorId}/key-resets",
            submitter.SignAsAdmin(new ActorKeyResetApproved(actorId, resetId, submitter.Ledger.AdminId), EventTypes.ActorKeyResetApproved, actorId, 2),
            HttpStatusCode.Forbidden, "forbidden");
    }

    private Task RefuseRegistrationAsync(ActorRegistered registration, HttpStatusCode status, string kind) =>
        submitter.ShouldRefuseAsync("/v1/actors",
            submitter.SignAsAdmin(registration, EventTypes.ActorRegistered, registration.ActorId, 0), status, kind);
}
