using System.Globalization;
using System.Text.Json.Nodes;
using Acgs.Api.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Acgs.Api.OpenApi;

// The problem types an endpoint (or its group) may answer with, declared beside it.
public sealed record ProblemTypesMetadata(IReadOnlyList<string> Types);

public static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    // Any request can meet these: an unexpected failure, and PostgreSQL out of reach.
    private static readonly string[] Everywhere = [ProblemTypes.Internal, ProblemTypes.DatabaseUnavailable];

    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params IEnumerable<string> types)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProblemTypesMetadata([.. types]));

    // One response per status; its schema narrows the shared problem's `type` to the kinds this
    // operation can answer with, so a client generator sees exactly what to switch on.
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var kinds = context.Description.ActionDescriptor.EndpointMetadata.OfType<ProblemTypesMetadata>()
            .SelectMany(metadata => metadata.Types)
            .Concat(Everywhere)
            .Distinct(StringComparer.Ordinal)
            .Select(ProblemCatalog.Find);
        operation.Responses ??= [];
        foreach (var status in kinds.GroupBy(kind => kind.Status).OrderBy(group => group.Key))
        {
            operation.Responses[status.Key.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = string.Join("; ", status.Select(kind => $"`{kind.Type}`: {kind.Title}")),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ContentType] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            AllOf = [new OpenApiSchemaReference(LedgerOpenApi.ProblemSchema, context.Document)],
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                ["type"] = new OpenApiSchema
                                {
                                    Type = JsonSchemaType.String,
                                    Enum = [.. status.Select(kind => (JsonNode)JsonValue.Create(kind.Type))],
                                },
                                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Enum = [JsonValue.Create(status.Key)] },
                            },
                        },
                    },
                },
            };
        }
        return Task.CompletedTask;
    }
}
