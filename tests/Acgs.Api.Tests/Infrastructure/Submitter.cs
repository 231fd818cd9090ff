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

    public SignedRequest Sign<T>(T payload, string type, Guid actorId, SigningKey key, Guid streamId, long expectedVersion,
        DateTimeOffset? submittedAt = null, Guid? submissionId = null, Guid? ledgerId = null) =>
        SignedRequestFactory.Sign(payload, type, ledgerId ?? Ledger.LedgerId, actorId, key, streamId, expectedVersion,
            submittedAt ?? DateTimeOffset.UtcNow, submissionId);

    public Task<HttpResponseMessage> PostAsync(string path, SignedRequest request) =>
        PostRawAsync(path, SignedRequestFactory.ToJson(request));

    public Task<HttpResponseMessage> PostRawAsync(string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return host.Client.PostAsync(path, content);
    }

    public static ActorRegistered Registration(Guid ledgerId, Guid actorId, SigningKey key, params Role[] roles) =>
        new(actorId, "actor " + actorId.ToString()[..8], roles, key.PublicKey.ToBase64(),
            ProofOfPossession.For(ledgerId, actorId, key.PublicKey).Sign(key));

    // Registers a new actor signed by the genesis Admin; returns its id and key.
    public async Task<(Guid ActorId, SigningKey Key)> RegisterAsync(params Role[] roles)
    {
        var key = SigningKey.Generate();
        var actorId = Guid.CreateVersion7();
        var request = Sign(Registration(Ledger.LedgerId, actorId, key, roles), EventTypes.ActorRegistered,
            Ledger.AdminId, Ledger.AdminKey, actorId, 0);
        var response = await PostAsync("/v1/actors", request);
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"registration failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return (actorId, key);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
