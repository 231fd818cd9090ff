using System.Text.Json.Nodes;
using Acgs.Api.Reads;
using Acgs.Ledger.Integrity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Acgs.Api.OpenApi;

// The API's description (DESIGN §6): an OpenAPI document at /openapi/v1.json and a rendered
// reference at /reference, both public. The schemas use the JSON the API really writes
// (LedgerJson: camelCase, enums as camelCase strings, millisecond `Z` timestamps).
public static class LedgerOpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string ReferencePath = "/reference";
    public const string ProblemSchema = "Problem";
    public const string ProblemTypeSchema = "ProblemType";

    public static IServiceCollection AddLedgerOpenApi(this IServiceCollection services)
    {
        // The document's schemas come from the HTTP JSON options; the API writes with LedgerJson.
        services.ConfigureHttpJsonOptions(options => LedgerJson.ApplyTo(options.SerializerOptions));
        return services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer((document, context, _) => DescribeDocument(document, context.ApplicationServices.GetRequiredService<ReadSettings>()));
            options.AddSchemaTransformer(LedgerSchemas.DescribeAsync);
            options.AddOperationTransformer(SignedRequestBodies.DescribeAsync);
            options.AddOperationTransformer(SignedReadSecurity.DescribeAsync);
            options.AddOperationTransformer(ProblemResponses.DescribeAsync);
        });
    }

    public static IEndpointRouteBuilder MapLedgerOpenApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi(DocumentPath);
        // Scalar serves its own bundled script; fonts and telemetry would reach the internet.
        endpoints.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("ACGS Governance Ledger API")
            .WithOpenApiRoutePattern(DocumentPath)
            .DisableDefaultFonts()
            .DisableTelemetry());
        return endpoints;
    }

    private static Task DescribeDocument(OpenApiDocument document, ReadSettings reads)
    {
        // A signed read covers the configured public base URL, never the Host a request came with.
        document.Servers = reads.PublicBaseUrl is { } publicBaseUrl ? [new OpenApiServer { Url = publicBaseUrl }] : [];
        document.Info = new OpenApiInfo
        {
            Title = "ACGS Governance Ledger",
            Version = DocumentName,
            Description = """
                The system of record of ACGS governance: every act is a signed submission (docs/PROTOCOL.md §4)
                appended to a sealed, tamper-evident log with signed checkpoints and RFC 9162 proofs.
                Reads of ledger data are RFC 9421 signed reads (PROTOCOL.md §10) unless the ledger runs in
                transparency mode; checkpoints, proofs, the ledger key, health and metrics are public.
                Every error is an RFC 9457 problem document whose `type` is one of the `ProblemType` values.
                """,
        };
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemTypeSchema] = ProblemTypeEnum();
        document.Components.Schemas[ProblemSchema] = Problem(document);
        SignedReadSecurity.AddScheme(document);
        HealthAndMetrics.AddPaths(document);
        LedgerSchemas.StripOptionalNulls(document);
        return Task.CompletedTask;
    }

    private static OpenApiSchema ProblemTypeEnum() => new()
    {
        Type = JsonSchemaType.String,
        Description = "Every stable problem type, with the status and title it comes with:\n\n| type | status | title |\n|---|---|---|\n"
            + string.Join("\n", ProblemCatalog.All.Select(kind => $"| `{kind.Type}` | {kind.Status} | {kind.Title} |")),
        Enum = [.. ProblemCatalog.All.Select(kind => (JsonNode)JsonValue.Create(kind.Type))],
    };

    private static OpenApiSchema Problem(OpenApiDocument document) => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem document (application/problem+json). Switch on `type`; the title is for people.",
        Required = new HashSet<string> { "type", "title", "status" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchemaReference(ProblemTypeSchema, document),
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What was wrong with this request." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request target, as received." },
        },
    };
}
