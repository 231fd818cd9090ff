using System.Text.Json;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Api.Tests.Sealing;

// DESIGN §4.3: each stored event carries a canonical seal whose hash recomputes, agrees with the
// row's own columns and with what the client was answered, links to the previous event of its
// stream, and is queued for the log sealer in the same transaction.
[Collection(LedgerHostCollection.Name)]
public sealed class sealed_events_form_a_chain_per_stream(LedgerHostFixture fixture)
{
    private readonly Submitter submitter = new(fixture.Host);

    [Fact]
    public async Task an_actors_acts_are_versions_one_to_n_each_sealed_linked_and_queued()
    {
        var ledger = submitter.Ledger;
        var actorId = Guid.CreateVersion7();
        using var first = SigningKey.Generate();
        using var second = SigningKey.Generate();
        var adminVersion = await submitter.Rows.StreamVersionAsync(ledger.AdminId);
        var acts = new List<(string Path, SignedRequest Request, long ActorVersion)>
        {
            ("/v1/actors", submitter.SignAsAdmin(Submitter.Registration(ledger.LedgerId, actorId, first, Role.Council),
                EventTypes.ActorRegistered, actorId, 0), adminVersion),
            ($"/v1/actors/{actorId}/keys", submitter.Sign(Submitter.Rotation(ledger.LedgerId, actorId, second),
                EventTypes.ActorKeyRotated, actorId, first, actorId, 1), 1),
            ($"/v1/actors/{actorId}/suspension", submitter.SignAsAdmin(new ActorSuspended(actorId, "audit"),
                EventTypes.ActorSuspended, actorId, 2), adminVersion),
            ($"/v1/actors/{actorId}/suspension", submitter.SignAsAdmin(new ActorReinstated(actorId, "audit closed"),
                EventTypes.ActorReinstated, actorId, 3), adminVersion),
        };
        var answers = new List<JsonElement>();
        foreach (var (path, request, _) in acts)
        {
            answers.Add(await submitter.ShouldAcceptAsync(path, request));
        }

        var stored = await submitter.Rows.ShouldBeUnbrokenChainAsync(ledger.LedgerId, actorId);

        stored.Count.ShouldBe(acts.Count);
        foreach (var (row, (_, request, actorVersion), answer) in stored.Zip(acts, answers))
        {
            var seal = row.Seal;
            seal.Hash.ShouldBe(answer.GetProperty("eventHash").GetString());
            answer.GetProperty("version").GetInt64().ShouldBe(row.Version);
            seal.Input.Submission.ShouldBe(request.Submission);
            seal.Input.Signature.ShouldBe(request.Signature);
            seal.Input.ActorVersion.ShouldBe(actorVersion);
            // What PostgreSQL gives back is exactly what the actor signed.
            using (var data = JsonDocument.Parse(row.Data))
            {
                PayloadHash.Compute(data.RootElement).ShouldBe(request.Submission.PayloadHash, row.Data);
            }
            row.QueuedOrLogged.ShouldBeTrue();
            (await submitter.Rows.SubmissionSequenceAsync(request.Submission.SubmissionId)).ShouldBe(row.Sequence);
        }
    }
}
