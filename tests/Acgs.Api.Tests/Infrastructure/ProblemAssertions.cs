using System.Net;
using System.Text.Json;

namespace Acgs.Api.Tests.Infrastructure;

public static class ProblemAssertions
{
    // RFC 9457: clients switch on `type`, so each refusal is pinned to its stable kind.
    public static async Task ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string kind)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        using var problem = JsonDocument.Parse(body);
        problem.RootElement.GetProperty("type").GetString().ShouldBe("urn:acgs:problem:" + kind, body);
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe((int)status, body);
    }
}
