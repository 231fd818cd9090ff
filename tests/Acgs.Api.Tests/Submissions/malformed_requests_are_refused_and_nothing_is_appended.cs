using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Api.Tests.Submissions;

// DESIGN §4.1–4.2: two parsers must never read two different values from one signed document, and
// what is stored must be exactly what was signed; anything else is refused before it is judged.
[Collection(LedgerHostCollection.Name)]
public sealed class malformed_requests_are_refused_and_nothing_is_appended(LedgerHostFixture fixture)
{
    private readonly Submitter submitter = new(fixture.Host);

    [Fact]
    public async Task malformed_json()
    {
        var (request, text) = ValidRegistration();

        await RefuseTextAsync(request, text[..^1], HttpStatusCode.BadRequest, "invalid-json");
    }

    // The canonical text starts with `{"payload":{`, so each replacement lands in the named object.
    [Theory]
    [InlineData("""{"payload":""", """{"signature":"AAAA","payload":""")]
    [InlineData("""{"payload":{""", """{"payload":{"name":"someone else",""")]
    [InlineData("\"submission\":{", "\"submission\":{\"type\":\"actor-registered\",")]
    public async Task duplicate_members(string find, string replacement)
    {
        var (request, text) = ValidRegistration();

        await RefuseTextAsync(request, ReplaceOnce(text, find, replacement), HttpStatusCode.BadRequest, "invalid-json");
    }

    [Fact]
    public async Task an_escaped_nul_character()
    {
        var actorId = Guid.CreateVersion7();
        using var key = SigningKey.Generate();
        var registration = Submitter.Registration(submitter.Ledger.LedgerId, actorId, key, Role.Council) with { Name = "nul\u0000name" };
        var request = submitter.SignAsAdmin(registration, EventTypes.ActorRegistered, actorId, 0);

        Encoding.UTF8.GetString(SignedRequestFactory.ToJson(request)).ShouldContain("\\u0000");
        await submitter.ShouldRefuseAsync("/v1/actors", request, HttpStatusCode.BadRequest, "invalid-json");
    }

    [Theory]
    [InlineData("""{"payload":""", """{"comment":"x","payload":""")]
    [InlineData("\"submission\":{", "\"submission\":{\"comment\":\"x\",")]
    public async Task an_unknown_member_in_the_envelope_or_the_submission(string find, string replacement)
    {
        var (request, text) = ValidRegistration();

        await RefuseTextAsync(request, ReplaceOnce(text, find, replacement), HttpStatusCode.BadRequest, "invalid-json");
    }

    // Hashed and signed as sent, so only the payload's type can refuse it.
    [Fact]
    public async Task an_unknown_member_in_the_payload()
    {
        await RefusePayloadAsync(payload => payload["comment"] = "x");
    }

    [Theory]
    [InlineData("9007199254740992")]
    [InlineData("-9007199254740992")]
    [InlineData("18446744073709551616")]
    public async Task an_integer_beyond_the_safe_range(string expectedVersion)
    {
        var (request, text) = ValidRegistration();

        await RefuseTextAsync(request, ReplaceOnce(text, "\"expectedVersion\":0", $"\"expectedVersion\":{expectedVersion}"),
            HttpStatusCode.BadRequest, "invalid-json");
    }

    [Fact]
    public async Task a_number_written_as_a_string()
    {
        var (request, text) = ValidRegistration();

        await RefuseTextAsync(request, ReplaceOnce(text, "\"expectedVersion\":0", "\"expectedVersion\":\"0\""),
            HttpStatusCode.BadRequest, "invalid-json");
    }

    // Each is read by a lenient serializer and written back differently: what would be stored is
    // not what was signed.
    private static readonly Dictionary<string, Action<JsonObject>> PayloadsReadLeniently = new()
    {
        ["a role in another casing"] = payload => payload["roles"] = new JsonArray("Council"),
        ["a role as a number"] = payload => payload["roles"] = new JsonArray(1),
        ["the name as a number"] = payload => payload["name"] = 42,
        ["an uppercase uuid"] = payload => payload["actorId"] = payload["actorId"]!.GetValue<string>().ToUpperInvariant(),
    };

    public static TheoryData<string> PayloadChanges => new(PayloadsReadLeniently.Keys);

    [Theory]
    [MemberData(nameof(PayloadChanges))]
    public async Task a_payload_that_does_not_survive_the_typed_round_trip(string change)
    {
        await RefusePayloadAsync(PayloadsReadLeniently[change]);
    }

    [Fact]
    public async Task a_payload_that_does_not_match_its_hash()
    {
        var (request, text) = ValidRegistration();

        await RefuseTextAsync(request, ReplaceOnce(text, "\"name\":\"actor ", "\"name\":\"impostor "),
            HttpStatusCode.BadRequest, "payload-hash-mismatch");
    }

    [Fact]
    public async Task a_body_over_256_KiB()
    {
        var actorId = Guid.CreateVersion7();
        using var key = SigningKey.Generate();
        var registration = Submitter.Registration(submitter.Ledger.LedgerId, actorId, key, Role.Council) with { Name = new string('a', 300 * 1024) };
        var request = submitter.SignAsAdmin(registration, EventTypes.ActorRegistered, actorId, 0);

        await submitter.ShouldRefuseAsync("/v1/actors", request, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Fact]
    public async Task a_body_that_is_not_json()
    {
        var (request, text) = ValidRegistration();

        await submitter.ShouldRefuseAsync("/v1/actors", Encoding.UTF8.GetBytes(text), request.Submission.StreamId,
            request.Submission.SubmissionId, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "text/plain");
    }

    [Fact]
    public async Task a_submission_for_another_stream_than_the_route_names()
    {
        var (actorId, _) = await submitter.RegisterAsync(Role.Council);
        var request = submitter.SignAsAdmin(new ActorRolesChanged(actorId, [Role.Auditor]), EventTypes.ActorRolesChanged, actorId, 1);

        await submitter.ShouldRefuseAsync($"/v1/actors/{Guid.CreateVersion7()}/roles", request, HttpStatusCode.BadRequest, "route-mismatch");
    }

    [Fact]
    public async Task a_type_the_route_does_not_accept()
    {
        var (actorId, _) = await submitter.RegisterAsync(Role.Council);
        var suspension = submitter.SignAsAdmin(new ActorSuspended(actorId, "wrong door"), EventTypes.ActorSuspended, actorId, 1);
        var (registration, _) = ValidRegistration();

        await submitter.ShouldRefuseAsync($"/v1/actors/{actorId}/roles", suspension, HttpStatusCode.BadRequest, "route-mismatch");
        await submitter.ShouldRefuseAsync($"/v1/actors/{registration.Submission.StreamId}/keys", registration,
            HttpStatusCode.BadRequest, "route-mismatch");
    }

    // A registration the ledger would accept, and its canonical text for a test to break.
    private (SignedRequest Request, string Text) ValidRegistration()
    {
        var actorId = Guid.CreateVersion7();
        using var key = SigningKey.Generate();
        var request = submitter.SignAsAdmin(Submitter.Registration(submitter.Ledger.LedgerId, actorId, key, Role.Council),
            EventTypes.ActorRegistered, actorId, 0);
        return (request, Encoding.UTF8.GetString(SignedRequestFactory.ToJson(request)));
    }

    private async Task RefusePayloadAsync(Action<JsonObject> change)
    {
        var actorId = Guid.CreateVersion7();
        using var key = SigningKey.Generate();
        var payload = JsonSerializer.SerializeToNode(Submitter.Registration(submitter.Ledger.LedgerId, actorId, key, Role.Council),
            LedgerJson.Options)!.AsObject();
        change(payload);
        var request = submitter.SignAsAdmin(payload, EventTypes.ActorRegistered, actorId, 0);

        await submitter.ShouldRefuseAsync("/v1/actors", request, HttpStatusCode.BadRequest, "invalid-json");
    }

    private Task RefuseTextAsync(SignedRequest request, string text, HttpStatusCode status, string kind) =>
        submitter.ShouldRefuseAsync("/v1/actors", Encoding.UTF8.GetBytes(text), request.Submission.StreamId,
            request.Submission.SubmissionId, status, kind);

    private static string ReplaceOnce(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0, $"`{find}` is not in the request");
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length));
    }
}
