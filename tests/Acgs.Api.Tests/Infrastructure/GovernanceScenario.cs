using System.Text.Json;
using Acgs.Ledger;
using Acgs.Ledger.Amendments;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;
using Marten;

namespace Acgs.Api.Tests.Infrastructure;

// Drives governance over HTTP as its actors would: proposals with the Council frozen as voters and
// the deadline the constitution's window gives, votes, and reads of what the System actor derived.
public sealed class GovernanceScenario(LedgerHost host)
{
    public Submitter Submitter { get; } = new(host);

    public Guid ConstitutionId => host.Ledger.Created.ConstitutionId;

    public async Task<IReadOnlyList<(Guid ActorId, SigningKey Key)>> RegisterAsync(int count, Role role)
    {
        var actors = new List<(Guid, SigningKey)>();
        for (var i = 0; i < count; i++)
        {
            actors.Add(await Submitter.RegisterAsync(role));
        }
        return actors;
    }

    public async Task<ConstitutionState> ConstitutionAsync()
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.LoadAsync<ConstitutionState>(ConstitutionId))!;
    }

    public async Task<AmendmentState?> AmendmentAsync(Guid amendmentId)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<AmendmentState>(amendmentId);
    }

    public async Task<IReadOnlyList<Guid>> CouncilAsync()
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await AmendmentRules.LoadCouncilAsync(session, CancellationToken.None);
    }

    public async Task<AmendmentProposed> ProposalAsync(Guid proposerId, DateTimeOffset submittedAt, params AmendmentChange[] changes)
    {
        var constitution = await ConstitutionAsync();
        return new AmendmentProposed(Guid.CreateVersion7(), ConstitutionId, constitution.Version, proposerId, "Amendment " + changes.Length,
            "Because the Council asked for it.", changes, await CouncilAsync(),
            LedgerTimestamp.Truncate(submittedAt).AddSeconds(constitution.MetaRules.VotingWindowSeconds));
    }

    public SignedRequest SignProposal(AmendmentProposed proposal, Guid proposerId, SigningKey key, DateTimeOffset submittedAt) =>
        Submitter.Sign(proposal, EventTypes.AmendmentProposed, proposerId, key, proposal.AmendmentId, 0, submittedAt);

    public async Task<AmendmentProposed> ProposeAsync(Guid proposerId, SigningKey key, params AmendmentChange[] changes)
    {
        var now = DateTimeOffset.UtcNow;
        var proposal = await ProposalAsync(proposerId, now, changes);
        await Submitter.ShouldAcceptAsync("/v1/amendments", SignProposal(proposal, proposerId, key, now));
        return proposal;
    }

    public async Task<SignedRequest> SignVoteAsync(Guid amendmentId, Guid voterId, SigningKey key, VoteChoice choice, string reason = "considered")
    {
        var amendment = await AmendmentAsync(amendmentId);
        return Submitter.Sign(new AmendmentVoteCast(amendmentId, voterId, choice, reason), EventTypes.AmendmentVoteCast,
            voterId, key, amendmentId, amendment?.Version ?? 1);
    }

    public async Task<JsonElement> VoteAsync(Guid amendmentId, Guid voterId, SigningKey key, VoteChoice choice) =>
        await Submitter.ShouldAcceptAsync($"/v1/amendments/{amendmentId}/votes", await SignVoteAsync(amendmentId, voterId, key, choice));

    public async Task<AmendmentState> SettledAsync(Guid amendmentId, TimeSpan within)
    {
        AmendmentState? state = null;
        await Eventually.TrueAsync(async () =>
        {
            state = await AmendmentAsync(amendmentId);
            return state is { Status: not AmendmentStatus.Open };
        }, within);
        return state!;
    }

    public static AmendmentChange Add(string id, string title = "A new principle", string text = "Stated plainly.") =>
        new(AmendmentChangeKind.AddPrinciple, id, title, text);
}
