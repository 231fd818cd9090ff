using System.Net;
using System.Text.Json;
using Acgs.Api.Tests.Infrastructure;

namespace Acgs.Api.Tests.Health;

[Collection(LedgerHostCollection.Name)]
public sealed class health_endpoints_report_postgres_and_redis(LedgerHostFixture fixture)
{
    private HttpClient Client => fixture.Host.Client;

    [Fact]
    public async Task live_answers_200()
    {
        var response = await Client.GetAsync("/health/live");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ready_answers_200_with_both_services_healthy()
    {
        var response = await Client.GetAsync("/health/ready");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = report.RootElement.GetProperty("checks");
        checks.GetProperty("postgresql").GetProperty("status").GetString().ShouldBe("Healthy");
        checks.GetProperty("redis").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task metrics_are_served_in_prometheus_text_format()
    {
        await Client.GetAsync("/health/live");

        var response = await Client.GetAsync("/metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("# TYPE http_request_duration_seconds histogram");
        body.ShouldContain("process_working_set_bytes");
    }

    [Fact]
    public async Task an_unknown_route_is_a_problem_document()
    {
        var response = await Client.GetAsync("/v1/no-such-thing");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("type").GetString().ShouldBe("urn:acgs:problem:not-found");
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(404);
    }
}
