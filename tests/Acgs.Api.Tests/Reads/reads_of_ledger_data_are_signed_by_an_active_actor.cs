using System.Net;
using Acgs.Api.Integrity;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Reads;

namespace Acgs.Api.Tests.Reads;

// DESIGN §6, PROTOCOL.md §10 over the real socket: every refusal is a 401 problem of its own type
// with Accept-Signature naming the profile; checkpoints, proofs, the ledger key, health and metrics
// stay public.
[Collection(LedgerHostCollection.Name)]
public sealed class reads_of_ledger_data_are_signed_by_an_active_actor(LedgerHostFixture fixture) : IDisposable
{
    private readonly Submitter submitter = new(fixture.Host);
    private readonly List<IDisposable> owned = [];

    private LedgerHost Host => fixture.Host;

    private HttpClient Unsigned => Host.UnsignedClient;

    public void Dispose() => owned.ForEach(item => item.Dispose());

    private HttpClient ReaderClient(SigningKey key)
    {
        var client = new HttpClient(new SignedReadHandler(key, new SocketsHttpHandler())) { BaseAddress = Host.Client.BaseAddress };
        owned.Add(client);
        return client;
    }

    // A new Auditor and the path of its sealed registration event.
    private async Task<(Guid ActorId, SigningKey Key, string Path)> AuditorAsync()
    {
        var key = SigningKey.Generate();
        owned.Add(key);
        var actorId = Guid.CreateVersion7();
        var answer = await submitter.ShouldAcceptAsync("/v1/actors", submitter.SignAsAdmin(
            Submitter.Registration(Host.Ledger.LedgerId, actorId, key, Role.Auditor), EventTypes.ActorRegistered, actorId, 0));
        var path = $"/v1/events/{answer.GetProperty("eventHash").GetString()}";
        await Eventually.OkAsync(Host.Client, path, TimeSpan.FromSeconds(10));
        return (actorId, key, path);
    }

    private static async Task ShouldBeRefusedAsync(HttpResponseMessage response, string kind)
    {
        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, kind);
        response.Headers.GetValues(ReadSignatureProfile.AcceptSignatureField).Single().ShouldBe(ReadSignatureProfile.AcceptSignature);
    }

    [Fact]
    public async Task an_auditor_reads_an_event_with_a_signed_request()
    {
        var (_, key, path) = await AuditorAsync();

        var response = await ReaderClient(key).GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await Submitter.JsonAsync(response)).GetProperty("type").GetString().ShouldBe(EventTypes.ActorRegistered);
    }

    [Fact]
    public async Task unsigned_reads_of_ledger_data_are_refused()
    {
        var (_, _, path) = await AuditorAsync();

        await ShouldBeRefusedAsync(await Unsigned.GetAsync(path), "read-signature-missing");
        await ShouldBeRefusedAsync(await Unsigned.GetAsync(IntegrityApi.ReportPath), "read-signature-missing");
        await ShouldBeRefusedAsync(await Unsigned.PostAsync("/v1/integrity/runs", null), "read-signature-missing");
    }

    [Theory]
    [InlineData("/v1/checkpoints/latest")]
    [InlineData("/v1/proofs/inclusion?leaf=0")]
    [InlineData("/v1/proofs/consistency?from=1&to=1")]
    [InlineData("/.well-known/acgs/ledger-key")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/metrics")]
    public async Task the_log_health_and_metrics_stay_public(string path)
    {
        await Eventually.OkAsync(Host.Client, "/v1/checkpoints/latest", TimeSpan.FromSeconds(10));

        var response = await Unsigned.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("expired", "read-signature-expired")]
    [InlineData("created-too-early", "read-signature-not-fresh")]
    [InlineData("created-too-late", "read-signature-not-fresh")]
    [InlineData("lifetime-too-long", "read-signature-lifetime")]
    [InlineData("short-nonce", "read-signature-nonce")]
    [InlineData("wrong-tag", "read-signature-tag")]
    [InlineData("alg-hmac", "read-signature-algorithm")]
    [InlineData("extra-component", "read-signature-components")]
    [InlineData("missing-component", "read-signature-components")]
    [InlineData("no-nonce", "read-signature-parameters")]
    [InlineData("unknown-parameter", "read-signature-parameters")]
    [InlineData("decimal", "read-signature-malformed")]
    [InlineData("two-signatures", "read-signature-malformed")]
    public async Task a_signature_outside_the_profile_is_refused(string fault, string kind)
    {
        var (_, key, path) = await AuditorAsync();
        var now = DateTimeOffset.UtcNow;
        var input = fault switch
        {
            "expired" => CraftedReads.Covered + CraftedReads.Parameters(key, now.AddSeconds(-50), lifetime: 40),
            "created-too-early" => CraftedReads.Covered + CraftedReads.Parameters(key, now.AddSeconds(-90), lifetime: 120),
            "created-too-late" => CraftedReads.Covered + CraftedReads.Parameters(key, now.AddSeconds(90)),
            "lifetime-too-long" => CraftedReads.Covered + CraftedReads.Parameters(key, lifetime: 301),
            "short-nonce" => CraftedReads.Covered + CraftedReads.Parameters(key, nonce: "AAECAwQFBgcICQoLDA0O"),
            "wrong-tag" => CraftedReads.Covered + CraftedReads.Parameters(key, tag: "acgs-write-v1"),
            "alg-hmac" => CraftedReads.Covered + CraftedReads.Parameters(key) + ";alg=\"hmac-sha256\"",
            "extra-component" => "(\"@method\" \"@target-uri\" \"@authority\")" + CraftedReads.Parameters(key),
            "missing-component" => "(\"@target-uri\")" + CraftedReads.Parameters(key),
            "no-nonce" => CraftedReads.Covered + $";created={now.ToUnixTimeSeconds()};expires={now.ToUnixTimeSeconds() + 60};keyid=\"{key.KeyId}\";tag=\"acgs-read-v1\"",
            "unknown-parameter" => CraftedReads.Covered + CraftedReads.Parameters(key) + ";context=\"audit\"",
            "decimal" => CraftedReads.Covered + CraftedReads.Parameters(key) + ";weight=0.5",
            _ => CraftedReads.Covered + CraftedReads.Parameters(key),
        };
        var signatureInput = "acgs=" + input;
        // A decimal cannot be parsed, so it cannot be signed either: any signature shows it is refused first.
        var signature = fault == "decimal"
            ? "acgs=:" + Convert.ToBase64String(new byte[64]) + ":"
            : CraftedReads.Sign(key, signatureInput, "GET", CraftedReads.TargetUri(Unsigned, path));
        if (fault == "two-signatures")
        {
            (signatureInput, signature) = (signatureInput + ", again=" + input, signature + ", again" + signature["acgs".Length..]);
        }

        await ShouldBeRefusedAsync(await CraftedReads.SendAsync(Unsigned, path, signatureInput, signature), kind);
    }

    [Fact]
    public async Task a_replayed_read_is_refused()
    {
        var (_, key, path) = await AuditorAsync();
        var signatureInput = "acgs=" + CraftedReads.Covered + CraftedReads.Parameters(key);
        var signature = CraftedReads.Sign(key, signatureInput, "GET", CraftedReads.TargetUri(Unsigned, path));

        var first = await CraftedReads.SendAsync(Unsigned, path, signatureInput, signature);
        var again = await CraftedReads.SendAsync(Unsigned, path, signatureInput, signature);

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        await ShouldBeRefusedAsync(again, "read-signature-replayed");
    }

    [Fact]
    public async Task a_signature_for_another_query_string_is_refused_and_does_not_use_up_its_nonce()
    {
        var (_, key, path) = await AuditorAsync();
        var signatureInput = "acgs=" + CraftedReads.Covered + CraftedReads.Parameters(key);

        var elsewhere = await CraftedReads.SendAsync(Unsigned, path + "?page=2", signatureInput,
            CraftedReads.Sign(key, signatureInput, "GET", CraftedReads.TargetUri(Unsigned, path + "?page=1")));
        var rightly = await CraftedReads.SignAndSendAsync(Unsigned, key, path, signatureInput);

        await ShouldBeRefusedAsync(elsewhere, "read-signature-invalid");
        rightly.StatusCode.ShouldBe(HttpStatusCode.OK, await rightly.Content.ReadAsStringAsync());
    }

    // The target URI is the configured public base URL: a signature for the host a client claims is
    // worth nothing, whatever Host or X-Forwarded-* say.
    [Fact]
    public async Task a_signature_for_the_host_the_request_claims_is_refused()
    {
        var (_, key, path) = await AuditorAsync();
        var port = Unsigned.BaseAddress!.Port;
        var signatureInput = "acgs=" + CraftedReads.Covered + CraftedReads.Parameters(key);
        var signature = CraftedReads.Sign(key, signatureInput, "GET", $"https://ledger.example.org{path}");

        var response = await CraftedReads.SendAsync(Unsigned, path, signatureInput, signature, adjust: request =>
        {
            request.Headers.Host = "ledger.example.org";
            request.Headers.Add("X-Forwarded-Host", "ledger.example.org");
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });

        await ShouldBeRefusedAsync(response, "read-signature-invalid");
    }

    [Fact]
    public async Task a_read_for_another_method_is_refused()
    {
        var (_, key, _) = await AuditorAsync();
        var signatureInput = "acgs=" + CraftedReads.Covered + CraftedReads.Parameters(key);
        var signature = CraftedReads.Sign(key, signatureInput, "GET", CraftedReads.TargetUri(Unsigned, "/v1/integrity/runs"));

        var response = await CraftedReads.SendAsync(Unsigned, "/v1/integrity/runs", signatureInput, signature, HttpMethod.Post);

        await ShouldBeRefusedAsync(response, "read-signature-invalid");
    }

    [Fact]
    public async Task a_read_signed_by_another_key_under_the_actors_key_id_is_refused()
    {
        var (_, key, path) = await AuditorAsync();
        using var other = SigningKey.Generate();
        var signatureInput = "acgs=" + CraftedReads.Covered + CraftedReads.Parameters(key);

        var response = await CraftedReads.SendAsync(Unsigned, path, signatureInput,
            CraftedReads.Sign(other, signatureInput, "GET", CraftedReads.TargetUri(Unsigned, path)));

        await ShouldBeRefusedAsync(response, "read-signature-invalid");
    }

    [Fact]
    public async Task a_read_signed_by_an_unregistered_key_is_refused()
    {
        var (_, _, path) = await AuditorAsync();
        using var stranger = SigningKey.Generate();

        await ShouldBeRefusedAsync(await ReaderClient(stranger).GetAsync(path), "read-signature-unknown-key");
    }

    [Fact]
    public async Task a_read_signed_by_a_rotated_out_key_is_refused()
    {
        var (actorId, key, path) = await AuditorAsync();
        var next = await submitter.RotateAsync(actorId, key, 1);
        owned.Add(next);

        await ShouldBeRefusedAsync(await ReaderClient(key).GetAsync(path), "read-signature-key-not-active");
        (await ReaderClient(next).GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_read_by_a_suspended_actor_is_refused()
    {
        var (actorId, key, path) = await AuditorAsync();
        await submitter.ShouldAcceptAsync($"/v1/actors/{actorId}/suspension",
            submitter.SignAsAdmin(new ActorSuspended(actorId, "audit finished"), EventTypes.ActorSuspended, actorId, 1));

        await ShouldBeRefusedAsync(await ReaderClient(key).GetAsync(path), "read-signature-actor-suspended");
    }

    [Fact]
    public async Task acgs_event_reads_with_the_key_it_is_given()
    {
        var (_, key, path) = await AuditorAsync();
        var folder = Directory.CreateTempSubdirectory("acgs-read-cli-");
        try
        {
            var keyFile = KeyFiles.Create(Path.Combine(folder.FullName, "auditor"), key).PrivateKeyPath;
            var hash = path["/v1/events/".Length..];
            var url = Host.Client.BaseAddress!.ToString();

            var signed = await AcgsCli.RunAsync("event", "--url", url, "--key", keyFile, "--event", hash);
            var unsigned = await AcgsCli.RunAsync("event", "--url", url, "--event", hash);

            signed.ExitCode.ShouldBe(0, signed.ToString());
            signed.Output.ShouldContain($"\"eventHash\":\"{hash}\"");
            unsigned.ExitCode.ShouldBe(1, unsigned.ToString());
            unsigned.Error.ShouldContain("urn:acgs:problem:read-signature-missing");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
