using System.Globalization;
using System.Net;
using Acgs.Api.Integrity;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Identity;
using Npgsql;

namespace Acgs.Api.Tests.Reads;

// DESIGN §6: with Redis down, PostgreSQL keeps the nonces; when Redis is back, both are checked, so a
// nonce recorded during the outage is still refused. Stops a private throwaway Redis, never the one
// the other tests use.
public sealed class read_nonces_stay_single_use_while_redis_is_down : IAsyncLifetime
{
    private readonly string name = "redis-nonces-" + Guid.NewGuid().ToString("n")[..8];
    private readonly int port = TestEnvironment.FreePort();
    private string redis = "";

    public async Task InitializeAsync() => redis = await StartRedisAsync();

    public async Task DisposeAsync()
    {
        await TestEnvironment.RunScriptAsync("scripts/services.sh", null, "redis-stop", name);
        await TestEnvironment.RunScriptAsync("scripts/services.sh", null, "scratch-remove", name);
    }

    private async Task<string> StartRedisAsync()
    {
        var started = await TestEnvironment.RunScriptAsync("scripts/services.sh", null, "redis-start", name, port.ToString(CultureInfo.InvariantCulture));
        started.ExitCode.ShouldBe(0, started.Error);
        return started.Value("ACGS_REDIS");
    }

    // Signed as the Admin, with the nonce given; a read that passes is answered 404 (no report yet).
    private static Task<HttpResponseMessage> ReadAsync(LedgerHost host, string nonce)
    {
        var key = host.Ledger.AdminKey;
        var signatureInput = "acgs=" + CraftedReads.Covered + CraftedReads.Parameters(key, nonce: nonce);
        return CraftedReads.SignAndSendAsync(host.UnsignedClient, key, IntegrityApi.ReportPath, signatureInput);
    }

    private static async Task<bool> KeptInPostgresAsync(string database, string nonce)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from acgs.read_nonces where nonce = $1", connection);
        command.Parameters.AddWithValue(nonce);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    [Fact]
    public async Task a_replay_is_refused_by_postgresql_and_still_refused_when_redis_returns()
    {
        var database = TestEnvironment.DatabaseName("acgs_test_api_redis_nonces");
        var postgres = await TestEnvironment.RecreateDatabaseAsync(database);
        await using var host = await LedgerHost.StartAsync(postgres, redis);
        var beforeOutage = Nonce();
        (await ReadAsync(host, beforeOutage)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await (await ReadAsync(host, beforeOutage)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "read-signature-replayed");

        (await TestEnvironment.RunScriptAsync("scripts/services.sh", null, "redis-stop", name)).ExitCode.ShouldBe(0);
        var duringOutage = Nonce();
        var first = await ReadAsync(host, duringOutage);
        var replay = await ReadAsync(host, duringOutage);

        await first.ShouldBeProblemAsync(HttpStatusCode.NotFound, "no-integrity-report");
        await replay.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "read-signature-replayed");
        (await KeptInPostgresAsync(database, duringOutage)).ShouldBeTrue();

        await StartRedisAsync();
        await Eventually.TrueAsync(async () => (await Submitter.JsonAsync(await host.UnsignedClient.GetAsync("/health/ready")))
            .GetProperty("checks").GetProperty("redis").GetProperty("status").GetString() == "Healthy", TimeSpan.FromSeconds(30));
        await (await ReadAsync(host, duringOutage)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "read-signature-replayed");
        (await ReadAsync(host, Nonce())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static string Nonce() => Ledger.Reads.ReadSignatureProfile.NewNonce();
}
