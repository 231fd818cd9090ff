using Acgs.Api.Submissions;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Acgs.Api.OpenApi;

// A write's body is the signed request envelope (DESIGN §4.2): one schema per submission type the
// route accepts, each naming that type and the payload record its act reads, so the document shows
// exactly which envelopes a route takes.
public static class SignedRequestBodies
{
    public static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<AcceptedSubmissionTypes>().FirstOrDefault() is not { } accepted)
        {
            return;
        }
        var acts = context.ApplicationServices.GetRequiredService<GovernanceActs>();
        var submission = await ComponentAsync(typeof(Submission), context, token);
        var envelopes = new List<IOpenApiSchema>();
        foreach (var type in accepted.Types)
        {
            var act = acts.Find(type) ?? throw new InvalidOperationException($"no governance act accepts submission type {type}");
            var payload = await ComponentAsync(act.PayloadType, context, token);
            envelopes.Add(Envelope(type, submission, payload, act.PayloadType.Name + "Request", context.Document!));
        }
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = $"""
                A signed request: `submission` signed by the actor (Ed25519 over "acgs:submission:v1\n" || JCS(submission)),
                `payload` hashed into `submission.payloadHash` (SHA-256 of "acgs:payload:v1\n" || JCS(payload)) and the
                `signature`, padded base64 (docs/PROTOCOL.md §3–4). I-JSON only: unknown or duplicate members, nulls,
                fractions and integers beyond ±(2^53−1) are refused. Accepted submission types: {string.Join(", ", accepted.Types.Select(type => $"`{type}`"))}.
                At most {AcgsApi.MaxRequestBodyBytes} bytes.
                """,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = envelopes.Count == 1 ? envelopes[0] : new OpenApiSchema { OneOf = envelopes } },
            },
        };
        if (operation.Responses?.TryGetValue("201", out var created) is true && created is OpenApiResponse answer)
        {
            answer.Description = "Sealed; the same answer for every retry of the same submission.";
            answer.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Location"] = Header("/v1/events/{eventHash}: the sealed event (a signed read)."),
                [SubmissionEndpoint.ReplayedHeader] = Header("true when this answers a retry of a submission already recorded."),
            };
        }
    }

    private static OpenApiSchemaReference Envelope(string type, IOpenApiSchema submission, IOpenApiSchema payload, string name, OpenApiDocument document)
    {
        if (document.Components?.Schemas?.ContainsKey(name) is not true)
        {
            document.AddComponent(name, new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = $"The signed request of a `{type}` submission.",
                Required = new HashSet<string> { "submission", "payload", "signature" },
                AdditionalPropertiesAllowed = false,
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["submission"] = new OpenApiSchema
                    {
                        AllOf = [submission],
                        Properties = new Dictionary<string, IOpenApiSchema> { ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Const = type } },
                    },
                    ["payload"] = payload,
                    ["signature"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        ContentEncoding = "base64",
                        Description = "Ed25519 by the key named in submission.keyId over \"acgs:submission:v1\\n\" || JCS(submission), padded base64.",
                    },
                },
            });
        }
        return new OpenApiSchemaReference(name, document);
    }

    // A record's schema as a named component, so that each is written once and read by reference.
    private static async Task<IOpenApiSchema> ComponentAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken token)
    {
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(type.Name) is not true)
        {
            document.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, null, token));
        }
        return new OpenApiSchemaReference(type.Name, document);
    }

    private static OpenApiHeader Header(string description) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
}
