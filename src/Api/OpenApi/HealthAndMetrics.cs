using Acgs.Api.Health;
using Microsoft.OpenApi;

namespace Acgs.Api.OpenApi;

// Health checks and Prometheus metrics are plain request delegates, which ApiExplorer does not list:
// their operations are written here by hand.
public static class HealthAndMetrics
{
    public const string MetricsPath = "/metrics";

    public static void AddPaths(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Paths ??= [];
        document.Paths[HealthEndpoints.LivePath] = Get("health-live", "Liveness: the process serves requests",
            "Always 200 while the process runs; it checks no dependency.",
            new() { ["200"] = Report("The process is live.") });
        document.Paths[HealthEndpoints.ReadyPath] = Get("health-ready", "Readiness: PostgreSQL, Redis and the seal triggers",
            "200 when PostgreSQL is reachable and both seal triggers are in place (Degraded while only Redis is down), else 503.",
            new()
            {
                ["200"] = Report("Healthy or Degraded (Redis down: reads and writes go on without it)."),
                ["503"] = Report("Unhealthy: PostgreSQL is unreachable or a seal trigger is missing or disabled."),
            });
        document.Paths[MetricsPath] = Get("metrics", "Prometheus metrics",
            "Process, HTTP and ledger metrics in the Prometheus text exposition format.",
            new()
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "The metrics.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                    },
                },
            });
    }

    private static OpenApiPathItem Get(string operationId, string summary, string description, OpenApiResponses responses) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = new()
            {
                OperationId = operationId,
                Summary = summary,
                Description = description,
                Tags = new HashSet<OpenApiTagReference> { new("Health") },
                Responses = responses,
            },
        },
    };

    private static OpenApiResponse Report(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "status", "checks" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["status"] = Status(),
                        ["checks"] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Description = "One entry per check: postgresql, redis, seal-triggers (none for liveness).",
                            AdditionalProperties = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Properties = new Dictionary<string, IOpenApiSchema>
                                {
                                    ["status"] = Status(),
                                    ["description"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                                },
                            },
                        },
                    },
                },
            },
        },
    };

    private static OpenApiSchema Status() => new()
    {
        Type = JsonSchemaType.String,
        Enum = ["Healthy", "Degraded", "Unhealthy"],
    };
}
