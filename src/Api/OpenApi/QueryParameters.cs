using Microsoft.OpenApi;

namespace Acgs.Api.OpenApi;

public sealed record QueryParameter(string Name, string Description, JsonSchemaType Type = JsonSchemaType.String, string? Pattern = null);

// Reads that check their whole query string themselves (each parameter once, none unknown) take no
// bound parameters, so ApiExplorer cannot see them: they are declared beside the endpoint instead.
public static class QueryParameters
{
    public static TBuilder WithQueryParameters<TBuilder>(this TBuilder builder, params QueryParameter[] parameters)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var parameter in parameters)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = parameter.Name,
                    In = ParameterLocation.Query,
                    Required = false,
                    Description = parameter.Description,
                    Schema = new OpenApiSchema { Type = parameter.Type, Pattern = parameter.Pattern },
                });
            }
            return Task.CompletedTask;
        });

    public static QueryParameter Limit(int max, int byDefault) =>
        new("limit", $"Page size, 1 to {max} (default {byDefault}).", JsonSchemaType.Integer);

    public static QueryParameter Cursor() =>
        new("cursor", "The nextCursor of the previous page, for the same read and filters; absent for the first page.");
}
