using System.Net;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;

namespace Acgs.Api.Tests.Actors;

[Collection(LedgerHostCollection.Name)]
public sealed class registering_an_actor(LedgerHostFixture fixture)
{
    private readonly Submitter submitter = new(fixture.Host);

    [Fact]
    public async Task an_admin_signed_registration_is_sealed_and_answered_with_a_verifiable_receipt()
    {
        using var key = SigningKey.Generate();
        var actorId = Guid.CreateVersion7();
        var ledger = submitter.Ledger;
        var request = submitter.Sign(Submitter.Registration(ledger.LedgerId, actorId, key, Role.Council),
            EventTypes.ActorRegistered, ledger.AdminId, ledger.AdminKey, actorId, 0);

        var response = await submitter.PostAsync("/v1/actors", request);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var answer = await Submitter.JsonAsync(response);
        answer.GetProperty("streamId").GetGuid().ShouldBe(actorId);
        answer.GetProperty("version").GetInt64().ShouldBe(1);
        var eventHash = answer.GetProperty("eventHash").GetString()!;
        response.Headers.Location!.ToString().ShouldBe($"/v1/events/{eventHash}");
        answer.GetProperty("proof").GetString().ShouldBe($"/v1/proofs/inclusion?eventHash={eventHash}");
        LedgerTimestamp.TryParse(answer.GetProperty("recordedAt").GetString(), out var recordedAt).ShouldBeTrue();
        var receipt = new Receipt(ledger.LedgerId, eventHash, actorId, 1, recordedAt);
        receipt.VerifySignature(ledger.LedgerKey.PublicKey, answer.GetProperty("receipt").GetString()).ShouldBeTrue();
    }

    [Fact]
    public async Task the_identical_request_again_returns_the_same_answer()
    {
        using var key = SigningKey.Generate();
        var actorId = Guid.CreateVersion7();
        var ledger = submitter.Ledger;
        var request = submitter.Sign(Submitter.Registration(ledger.LedgerId, actorId, key, Role.Proposer),
            EventTypes.ActorRegistered, ledger.AdminId, ledger.AdminKey, actorId, 0);

        var first = await submitter.PostAsync("/v1/actors", request);
        var second = await submitter.PostAsync("/v1/actors", request);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await second.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        second.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
    }
}
