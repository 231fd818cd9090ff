using System.Net;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;

namespace Acgs.Api.Tests.Actors;

// Each act is proven by what it changes: which key signs, what the actor may do, whether it may act at all.
[Collection(LedgerHostCollection.Name)]
public sealed class managing_an_actor(LedgerHostFixture fixture)
{
    private readonly Submitter submitter = new(fixture.Host);

    private Guid LedgerId => submitter.Ledger.LedgerId;

    [Fact]
    public async Task a_rotated_key_signs_for_the_actor_and_the_old_one_no_longer_does()
    {
        var (actorId, first) = await submitter.RegisterAsync(Role.Council);
        using var second = SigningKey.Generate();

        var rotated = await submitter.ShouldAcceptAsync($"/v1/actors/{actorId}/keys",
            submitter.Sign(Submitter.Rotation(LedgerId, actorId, second), EventTypes.ActorKeyRotated, actorId, first, actorId, 1));

        rotated.GetProperty("version").GetInt64().ShouldBe(2);
        using var third = SigningKey.Generate();
        await submitter.ShouldRefuseAsync($"/v1/actors/{actorId}/keys",
            submitter.Sign(Submitter.Rotation(LedgerId, actorId, third), EventTypes.ActorKeyRotated, actorId, first, actorId, 2),
            HttpStatusCode.Forbidden, "key-not-active");
        await submitter.ShouldAcceptAsync($"/v1/actors/{actorId}/keys",
            submitter.Sign(Submitter.Rotation(LedgerId, actorId, third), EventTypes.ActorKeyRotated, actorId, second, actorId, 2));
    }

    [Fact]
    public async Task a_forced_reset_proposed_by_one_admin_and_approved_by_another_replaces_a_lost_key()
    {
        var (secondAdminId, secondAdminKey) = await submitter.RegisterAsync(Role.Admin);
        var (actorId, lostKey) = await submitter.RegisterAsync(Role.Council);
        using var replacement = SigningKey.Generate();
        var resetId = Guid.CreateVersion7();
        var proposal = new ActorKeyResetProposed(actorId, resetId, submitter.Ledger.AdminId, replacement.PublicKey.ToBase64(),
            ProofOfPossession.For(LedgerId, actorId, replacement.PublicKey).Sign(replacement), "laptop stolen");

        await submitter.ShouldAcceptAsync($"/v1/actors/{actorId}/key-resets",
            submitter.SignAsAdmin(proposal, EventTypes.ActorKeyResetProposed, actorId, 1));
        var approved = await submitter.ShouldAcceptAsync($"/v1/actors/{actorId}/key-resets",
            submitter.Sign(new ActorKeyResetApproved(actorId, resetId, secondAdminId), EventTypes.ActorKeyResetApproved,
                secondAdminId, secondAdminKey, actorId, 2));

        approved.GetProperty("version").GetInt64().ShouldBe(3);
        using var next = SigningKey.Generate();
        await submitter.ShouldRefuseAsync($"/v1/actors/{actorId}/keys",
            submitter.Sign(Submitter.Rotation(LedgerId, actorId, next), EventTypes.ActorKeyRotated, actorId, lostKey, actorId, 3),
            HttpStatusCode.Forbidden, "key-not-active");
        await submitter.ShouldAcceptAsync($"/v1/actors/{actorId}/keys",
            submitter.Sign(Submitter.Rotation(LedgerId, actorId, next), EventTypes.ActorKeyRotated, actorId, replacement, actorId, 3));
    }

    [Fact]
    public async Task changed_roles_decide_what_the_actor_may_do()
    {
        var (actorId, key) = await submitter.RegisterAsync(Role.Council);
        await submitter.ShouldRefuseAsync("/v1/actors", submitter.RegistrationSignedBy(actorId, key), HttpStatusCode.Forbidden, "role-not-allowed");

        var changed = await submitter.ShouldAcceptAsync($"/v1/actors/{actorId}/roles",
            submitter.SignAsAdmin(new ActorRolesChanged(actorId, [Role.Admin, Role.Council]), EventTypes.ActorRolesChanged, actorId, 1));

        changed.GetProperty("version").GetInt64().ShouldBe(2);
        await submitter.ShouldAcceptAsync("/v1/actors", submitter.RegistrationSignedBy(actorId, key));
    }

    [Fact]
    public async Task a_suspended_actor_acts_again_once_reinstated()
    {
        var (actorId, key) = await submitter.RegisterAsync(Role.Admin);

        await submitter.ShouldAcceptAsync($"/v1/actors/{actorId}/suspension",
            submitter.SignAsAdmin(new ActorSuspended(actorId, "under review"), EventTypes.ActorSuspended, actorId, 1));
        await submitter.ShouldRefuseAsync("/v1/actors", submitter.RegistrationSignedBy(actorId, key), HttpStatusCode.Forbidden, "actor-suspended");
        var reinstated = await submitter.ShouldAcceptAsync($"/v1/actors/{actorId}/suspension",
            submitter.SignAsAdmin(new ActorReinstated(actorId, "review closed"), EventTypes.ActorReinstated, actorId, 2));

        reinstated.GetProperty("version").GetInt64().ShouldBe(3);
        await submitter.ShouldAcceptAsync("/v1/actors", submitter.RegistrationSignedBy(actorId, key));
    }
}
