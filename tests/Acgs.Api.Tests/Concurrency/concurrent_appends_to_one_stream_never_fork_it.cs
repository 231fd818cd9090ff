using System.Net;
using System.Text.Json;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Identity.Actors;

namespace Acgs.Api.Tests.Concurrency;

// DESIGN §4.3: expected versions are mandatory and Marten's unique (stream, version) makes a fork
// impossible; the loser of a race gets a 409 and appends nothing.
[Collection(LedgerHostCollection.Name)]
public sealed class concurrent_appends_to_one_stream_never_fork_it(LedgerHostFixture fixture)
{
    private const int Writers = 32;

    private static readonly Role[] Roles = [Role.Auditor, Role.Verifier, Role.Proposer, Role.Compiler];

    private readonly Submitter submitter = new(fixture.Host);

    [Fact]
    public async Task of_32_appends_at_the_same_expected_version_exactly_one_lands()
    {
        var (actorId, _) = await submitter.RegisterAsync(Role.Council);
        var requests = Enumerable.Range(0, Writers)
            .Select(writer => submitter.SignAsAdmin(new ActorRolesChanged(actorId, [Roles[writer % Roles.Length]]),
                EventTypes.ActorRolesChanged, actorId, 1))
            .ToList();

        var responses = await Task.WhenAll(requests.Select(request => submitter.PostAsync($"/v1/actors/{actorId}/roles", request)));

        var winners = responses.Where(response => response.StatusCode == HttpStatusCode.Created).ToList();
        winners.Count.ShouldBe(1);
        foreach (var loser in responses.Except(winners))
        {
            await ShouldBeConflictAsync(loser);
        }
        var stored = await submitter.Rows.ShouldBeUnbrokenChainAsync(submitter.Ledger.LedgerId, actorId);
        stored.Count.ShouldBe(2);
        var recorded = requests.Single(request => request.Submission.SubmissionId == stored[1].Seal.Input.Submission.SubmissionId);
        foreach (var request in requests.Where(request => request != recorded))
        {
            (await submitter.Rows.SubmissionSequenceAsync(request.Submission.SubmissionId)).ShouldBeNull();
        }
    }

    [Fact]
    public async Task writers_that_retry_on_409_land_at_contiguous_versions()
    {
        var (actorId, _) = await submitter.RegisterAsync(Role.Council);

        var landedAt = await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => AppendUntilItLandsAsync(actorId, Roles[writer % Roles.Length])));

        landedAt.Order().ShouldBe(Enumerable.Range(2, Writers).Select(version => (long)version));
        var stored = await submitter.Rows.ShouldBeUnbrokenChainAsync(submitter.Ledger.LedgerId, actorId);
        stored.Count.ShouldBe(Writers + 1);
    }

    // A client's loop: read the head, sign for it, and on a conflict back off briefly and retry
    // with a new submission for the new head.
    private async Task<long> AppendUntilItLandsAsync(Guid actorId, Role role)
    {
        for (var attempt = 0; attempt < 20 * Writers; attempt++)
        {
            var head = await submitter.Rows.StreamVersionAsync(actorId);
            var response = await submitter.PostAsync($"/v1/actors/{actorId}/roles",
                submitter.SignAsAdmin(new ActorRolesChanged(actorId, [role]), EventTypes.ActorRolesChanged, actorId, head));
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return (await Submitter.JsonAsync(response)).GetProperty("version").GetInt64();
            }
            await ShouldBeConflictAsync(response);
            await Task.Delay(Random.Shared.Next(1, 10));
        }
        throw new Xunit.Sdk.XunitException($"a writer did not land within {20 * Writers} attempts");
    }

    // A lost race is the stream moving under the append, or the signer's or target's head moving
    // under its lock; a deadlock between them is answered as a version conflict.
    private static async Task ShouldBeConflictAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(body);
        problem.RootElement.GetProperty("type").GetString().ShouldBeOneOf(
            "urn:acgs:problem:version-conflict", "urn:acgs:problem:actor-changed");
    }
}
