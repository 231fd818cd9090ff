using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Acgs.Ledger;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Api.Tests.Infrastructure;

// Signs and posts requests as a client would, over the real socket.
public sealed class Submitter(LedgerHost host)
{
    public TestLedger Ledger => host.Ledger;

    public LedgerRows Rows => host.Rows;

    public SignedRequest Sign<T>(T payload, string type, Guid actorId, SigningKey key, Guid streamId, long expectedVersion,
        DateTimeOffset? submittedAt = null, Guid? submissionId = null, Guid? ledgerId = null) =>
        SignedRequestFactory.Sign(payload, type, ledgerId ?? Ledger.LedgerId, actorId, key, streamId, expectedVersion,
            submittedAt ?? DateTimeOffset.UtcNow, submissionId);

    public SignedRequest SignAsAdmin<T>(T payload, string type, Guid streamId, long expectedVersion,
        DateTimeOffset? submittedAt = null, Guid? submissionId = null) =>
        Sign(payload, type, Ledger.AdminId, Ledger.AdminKey, streamId, expectedVersion, submittedAt, submissionId);

    public Task<HttpResponseMessage> PostAsync(string path, SignedRequest request) =>
        PostRawAsync(path, SignedRequestFactory.ToJson(request));

    public Task<HttpResponseMessage> PostRawAsync(string path, byte[] body, string mediaType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return host.Client.PostAsync(path, content);
    }

    public async Task<JsonElement> ShouldAcceptAsync(string path, SignedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await PostAsync(path, request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    public Task ShouldRefuseAsync(string path, SignedRequest request, HttpStatusCode status, string kind)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ShouldRefuseAsync(path, SignedRequestFactory.ToJson(request), request.Submission.StreamId,
            request.Submission.SubmissionId, status, kind);
    }

    // A refusal must leave the log as it was: no event in the stream or anywhere else, and no
    // submission recorded under the refused id.
    public async Task ShouldRefuseAsync(string path, byte[] body, Guid streamId, Guid submissionId, HttpStatusCode status, string kind,
        string mediaType = "application/json")
    {
        var before = await Rows.CountAsync(streamId);

        var response = await PostRawAsync(path, body, mediaType);

        await response.ShouldBeProblemAsync(status, kind);
        (await Rows.CountAsync(streamId)).ShouldBe(before);
        (await Rows.SubmissionSequenceAsync(submissionId)).ShouldBeNull();
    }

    public static ActorRegistered Registration(Guid ledgerId, Guid actorId, SigningKey key, params Role[] roles) =>
        new(actorId, "actor " + actorId.ToString()[..8], roles, key.PublicKey.ToBase64(),
            ProofOfPossession.For(ledgerId, actorId, key.PublicKey).Sign(key));

    public static ActorKeyRotated Rotation(Guid ledgerId, Guid actorId, SigningKey next) =>
        new(actorId, next.PublicKey.ToBase64(), ProofOfPossession.For(ledgerId, actorId, next.PublicKey).Sign(next));

    // The registration of a new Proposer, signed by the given signer: the simplest act that needs Admin.
    public SignedRequest RegistrationSignedBy(Guid signerId, SigningKey signerKey, DateTimeOffset? submittedAt = null, Guid? submissionId = null)
    {
        var actorId = Guid.CreateVersion7();
        using var key = SigningKey.Generate();
        return Sign(Registration(Ledger.LedgerId, actorId, key, Role.Proposer), EventTypes.ActorRegistered,
            signerId, signerKey, actorId, 0, submittedAt, submissionId);
    }

    // Registers a new actor signed by the genesis Admin; returns its id and key.
    public async Task<(Guid ActorId, SigningKey Key)> RegisterAsync(params Role[] roles)
    {
        var key = SigningKey.Generate();
        var actorId = Guid.CreateVersion7();
        var request = SignAsAdmin(Registration(Ledger.LedgerId, actorId, key, roles), EventTypes.ActorRegistered, actorId, 0);
        var response = await PostAsync("/v1/actors", request);
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"registration failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return (actorId, key);
    }

    // The actor replaces its own key; returns the next one.
    public async Task<SigningKey> RotateAsync(Guid actorId, SigningKey current, long expectedVersion)
    {
        var next = SigningKey.Generate();
        await ShouldAcceptAsync($"/v1/actors/{actorId}/keys",
            Sign(Rotation(Ledger.LedgerId, actorId, next), EventTypes.ActorKeyRotated, actorId, current, actorId, expectedVersion));
        return next;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
