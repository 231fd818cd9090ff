using System.Net;
using System.Text.Json;
using Acgs.Api.Tests.Infrastructure;

namespace Acgs.Api.Tests.Health;

// Stops a private throwaway Redis, never the one the other tests use.
public sealed class ready_is_degraded_while_redis_is_down : IAsyncLifetime
{
    private readonly string name = "redis-fault-" + Guid.NewGuid().ToString("n")[..8];
    private readonly int port = TestEnvironment.FreePort();
    private string redis = "";

    public async Task InitializeAsync()
    {
        var started = await TestEnvironment.RunScriptAsync("scripts/services.sh", null, "redis-start", name, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        started.ExitCode.ShouldBe(0, started.Error);
        redis = started.Value("ACGS_REDIS");
    }

    public async Task DisposeAsync()
    {
        await TestEnvironment.RunScriptAsync("scripts/services.sh", null, "redis-stop", name);
        await TestEnvironment.RunScriptAsync("scripts/services.sh", null, "scratch-remove", name);
    }

    [Fact]
    public async Task ready_stays_200_and_reports_redis_degraded()
    {
        var postgres = await TestEnvironment.RecreateDatabaseAsync(TestEnvironment.DatabaseName("acgs_test_api_redis_fault"));
        await using var host = await LedgerHost.StartAsync(postgres, redis);
        await Eventually.StatusAsync(host.Client, "/health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(10));

        (await TestEnvironment.RunScriptAsync("scripts/services.sh", null, "redis-stop", name)).ExitCode.ShouldBe(0);

        var response = await host.Client.GetAsync("/health/ready");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        report.RootElement.GetProperty("status").GetString().ShouldBe("Degraded");
        report.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString().ShouldBe("Degraded");
        report.RootElement.GetProperty("checks").GetProperty("postgresql").GetProperty("status").GetString().ShouldBe("Healthy");
    }
}
