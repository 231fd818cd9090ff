using System.Net;
using System.Text.Json;
using Acgs.Api.Tests.Infrastructure;

namespace Acgs.Api.Tests.Health;

// Stops a private throwaway PostgreSQL, never the one the other tests use.
public sealed class ready_fails_while_postgres_is_down_and_recovers : IAsyncLifetime
{
    private readonly string name = "pg-fault-" + Guid.NewGuid().ToString("n")[..8];
    private readonly int port = TestEnvironment.FreePort();

    public async Task InitializeAsync()
    {
        var started = await TestEnvironment.RunScriptAsync("scripts/services.sh", null, "pg-start", name, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        started.ExitCode.ShouldBe(0, started.Error);
    }

    public async Task DisposeAsync()
    {
        await TestEnvironment.RunScriptAsync("scripts/services.sh", null, "pg-stop", name);
        await TestEnvironment.RunScriptAsync("scripts/services.sh", null, "scratch-remove", name);
    }

    [Fact]
    public async Task ready_is_503_naming_postgresql_then_200_again_without_a_restart()
    {
        var connection = $"Host=127.0.0.1;Port={port};Username=acgs;Password={new Npgsql.NpgsqlConnectionStringBuilder(TestEnvironment.PostgresServer).Password};Database=postgres;Timeout=3";
        await using var host = await LedgerHost.StartAsync(connection, TestEnvironment.Redis);
        (await host.Client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await TestEnvironment.RunScriptAsync("scripts/services.sh", null, "pg-stop", name)).ExitCode.ShouldBe(0);

        var down = await host.Client.GetAsync("/health/ready");
        down.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        using (var report = JsonDocument.Parse(await down.Content.ReadAsStringAsync()))
        {
            var postgres = report.RootElement.GetProperty("checks").GetProperty("postgresql");
            postgres.GetProperty("status").GetString().ShouldBe("Unhealthy");
            postgres.GetProperty("description").GetString().ShouldStartWith("PostgreSQL unreachable");
        }

        var write = await new Submitter(host).PostAsync("/v1/actors", RegistrationBy(host.Ledger));
        write.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        write.Headers.RetryAfter.ShouldNotBeNull();
        (await Submitter.JsonAsync(write)).GetProperty("type").GetString().ShouldBe("urn:acgs:problem:database-unavailable");

        var restarted = await TestEnvironment.RunScriptAsync("scripts/services.sh", null, "pg-start", name, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        restarted.ExitCode.ShouldBe(0, restarted.Error);

        await Eventually.StatusAsync(host.Client, "/health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(30));
    }

    private static Acgs.Ledger.Sealing.SignedRequest RegistrationBy(TestLedger ledger)
    {
        using var key = Acgs.Ledger.Identity.SigningKey.Generate();
        var actorId = Guid.CreateVersion7();
        return Acgs.Ledger.Sealing.SignedRequestFactory.Sign(
            Submitter.Registration(ledger.LedgerId, actorId, key, Acgs.Ledger.Identity.Actors.Role.Council),
            Acgs.Ledger.EventTypes.ActorRegistered, ledger.LedgerId, ledger.AdminId, ledger.AdminKey, actorId, 0, DateTimeOffset.UtcNow);
    }
}
