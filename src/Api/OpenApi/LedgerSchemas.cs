using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity.Merkle;
using Acgs.Ledger.Reads;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Acgs.Api.OpenApi;

// The wire forms of DESIGN §4.1 that a CLR type alone does not say: millisecond `Z` timestamps,
// lowercase hyphenated UUIDs, key ids, and the sealed-event shape its hand-written converter writes.
public static class LedgerSchemas
{
    public const string TimestampPattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$";
    public const string UuidPattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
    public const string HashPattern = "^[0-9a-f]{64}$";

    public static async Task DescribeAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            OmitNulls(schema, context.JsonTypeInfo);
        }
        // Elements written by a hand-made converter get no schema of their own from ApiExplorer.
        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Enumerable && schema.Items is null && context.JsonTypeInfo.ElementType is { } element)
        {
            schema.Items = await context.GetOrCreateSchemaAsync(element, null, token);
        }
        if (type.IsEnum)
        {
            schema.Type = JsonSchemaType.String;
        }
        else if (type == typeof(DateTimeOffset))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = "date-time";
            schema.Pattern = TimestampPattern;
        }
        else if (type == typeof(Guid))
        {
            schema.Pattern = UuidPattern;
        }
        else if (type == typeof(KeyId))
        {
            schema.Type = JsonSchemaType.String;
            schema.Pattern = "^[0-9a-f]{16}$";
            schema.Description = "The first 16 lowercase hex characters of SHA-256(raw 32-byte public key).";
        }
        else if (type == typeof(MerkleHash))
        {
            schema.Type = JsonSchemaType.String;
            schema.Pattern = HashPattern;
        }
        else if (type == typeof(SealedLogEvent))
        {
            DescribeSealedLogEvent(schema);
        }
    }

    // LedgerJson leaves a null member out (and a signed payload must not carry one): a nullable member
    // is optional, unless the record says it is always written.
    private static void OmitNulls(OpenApiSchema schema, JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties.Where(property => property.IsGetNullable && !AlwaysWritten(property)))
        {
            schema.Required?.Remove(property.Name);
        }
    }

    // Run once the components exist: ApiExplorer wraps nullable references in oneOf after the schema
    // transformers ran. An optional member is absent, never null, so null is no value it can take.
    public static void StripOptionalNulls(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            StripOptionalNulls(schema);
        }
    }

    private static void StripOptionalNulls(OpenApiSchema schema)
    {
        foreach (var name in schema.Properties?.Keys.ToList() ?? [])
        {
            if (schema.Properties![name] is not OpenApiSchema member)
            {
                continue;
            }
            if (schema.Required?.Contains(name) is not true)
            {
                if (member.Type is { } types && types != JsonSchemaType.Null)
                {
                    member.Type = types & ~JsonSchemaType.Null;
                }
                if (member.OneOf?.Where(choice => choice is not OpenApiSchema { Type: JsonSchemaType.Null }).ToList() is [var only])
                {
                    schema.Properties[name] = only;
                }
            }
            StripOptionalNulls(member);
        }
        if (schema.Items is OpenApiSchema items)
        {
            StripOptionalNulls(items);
        }
    }

    private static bool AlwaysWritten(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: false)
            .OfType<JsonIgnoreAttribute>().Any(ignore => ignore.Condition == JsonIgnoreCondition.Never) is true;

    private static void DescribeSealedLogEvent(OpenApiSchema schema)
    {
        schema.Type = JsonSchemaType.Object;
        schema.Description = "One sealed event as the log serves it. seal and payload are null only when the event's row is gone from mt_events (the log still lists it).";
        schema.Required = new HashSet<string> { "leafIndex", "eventHash", "streamId", "version", "type", "actorId", "recordedAt", "seal", "payload" };
        schema.Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["leafIndex"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" },
            ["eventHash"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = HashPattern },
            ["streamId"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", Pattern = UuidPattern },
            ["version"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "1" },
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The event type (the submission's type)." },
            ["actorId"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", Pattern = UuidPattern },
            ["recordedAt"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Pattern = TimestampPattern },
            ["seal"] = new OpenApiSchema { Type = JsonSchemaType.Object | JsonSchemaType.Null, Description = "The acgs.seal header: the hashed seal object plus its hash (docs/PROTOCOL.md §5.3)." },
            ["payload"] = new OpenApiSchema { Type = JsonSchemaType.Object | JsonSchemaType.Null, Description = "The payload as signed." },
        };
    }
}
