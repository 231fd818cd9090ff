using System.Net;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Identity.Actors;

namespace Acgs.Api.Tests.Concurrency;

// A node skips the read before an append when its own earlier appends tell it the signer's key and
// state (AppendHints). Another node may have changed that actor since: the answer must be the one a
// fresh read gives, whichever way the change went, and a refusal must leave nothing behind.
public sealed class a_node_judges_by_the_ledger_not_by_what_it_remembers() : TwoNodes("acgs_test_hints")
{
    [Fact]
    public async Task a_role_taken_away_on_another_node_is_refused_here()
    {
        var (here, there) = (new Submitter(First), new Submitter(Second));
        var (adminId, adminKey) = await here.RegisterAsync(Role.Admin);
        var (targetId, _) = await here.RegisterAsync(Role.Council);
        await here.ShouldAcceptAsync($"/v1/actors/{targetId}/roles",
            here.Sign(new ActorRolesChanged(targetId, [Role.Auditor]), EventTypes.ActorRolesChanged, adminId, adminKey, targetId, 1));

        // The second node takes the Admin role away; the first still remembers it.
        await there.ShouldAcceptAsync($"/v1/actors/{adminId}/roles",
            there.SignAsAdmin(new ActorRolesChanged(adminId, [Role.Council]), EventTypes.ActorRolesChanged, adminId, 1));

        await here.ShouldRefuseAsync($"/v1/actors/{targetId}/roles",
            here.Sign(new ActorRolesChanged(targetId, [Role.Council]), EventTypes.ActorRolesChanged, adminId, adminKey, targetId, 2),
            HttpStatusCode.Forbidden, "role-not-allowed");
    }

    [Fact]
    public async Task a_role_given_on_another_node_is_honoured_here()
    {
        var (here, there) = (new Submitter(First), new Submitter(Second));
        var (actorId, actorKey) = await here.RegisterAsync(Role.Council);
        var (targetId, _) = await here.RegisterAsync(Role.Council);
        await here.ShouldRefuseAsync($"/v1/actors/{targetId}/roles",
            here.Sign(new ActorRolesChanged(targetId, [Role.Auditor]), EventTypes.ActorRolesChanged, actorId, actorKey, targetId, 1),
            HttpStatusCode.Forbidden, "role-not-allowed");
        await here.ShouldAcceptAsync($"/v1/actors/{actorId}/roles",
            here.SignAsAdmin(new ActorRolesChanged(actorId, [Role.Council, Role.Auditor]), EventTypes.ActorRolesChanged, actorId, 1));

        // The first node remembers the actor without the Admin role; the second gives it.
        await there.ShouldAcceptAsync($"/v1/actors/{actorId}/roles",
            there.SignAsAdmin(new ActorRolesChanged(actorId, [Role.Admin]), EventTypes.ActorRolesChanged, actorId, 2));

        await here.ShouldAcceptAsync($"/v1/actors/{targetId}/roles",
            here.Sign(new ActorRolesChanged(targetId, [Role.Auditor]), EventTypes.ActorRolesChanged, actorId, actorKey, targetId, 1));
        await here.Rows.ShouldBeUnbrokenChainAsync(First.Ledger.LedgerId, targetId);
    }
}
