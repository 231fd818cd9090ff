using Acgs.Api.Reads;
using Acgs.Ledger.Reads;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Acgs.Api.OpenApi;

// RFC 9421 has no OpenAPI security scheme type of its own: the profile is described as the header
// it arrives in, and applied to every operation that RequireSignedRead() guards.
public static class SignedReadSecurity
{
    public const string SchemeName = "acgsRead";

    public static void AddScheme(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ReadSignatureProfile.SignatureField,
            Description = $"""
                An RFC 9421 HTTP message signature by an active registered actor, any role (docs/PROTOCOL.md §10).
                Send `{ReadSignatureProfile.SignatureInputField}` and `{ReadSignatureProfile.SignatureField}`, each an RFC 8941
                dictionary with one member under the same label, e.g.
                `{ReadSignatureProfile.SignatureInputField}: {ReadSignatureProfile.Label}=("@method" "@target-uri");created=…;expires=…;nonce="…";keyid="…";tag="{ReadSignatureProfile.Tag}"`
                and `{ReadSignatureProfile.SignatureField}: {ReadSignatureProfile.Label}=:<64-byte Ed25519 signature, base64>:`.
                The covered components are exactly `@method` and `@target-uri` (the ledger's public base URL followed by the
                request target as sent; never Host or X-Forwarded-*). `created` within ±{ReadSignatureProfile.ClockSkew.TotalSeconds} s,
                `expires` at most {ReadSignatureProfile.MaxLifetime.TotalSeconds} s after it, a nonce of {ReadSignatureProfile.MinNonceBytes}
                to {ReadSignatureProfile.MaxNonceBytes} random bytes in unpadded base64url used once, `keyid` the actor's current key id,
                `tag` "{ReadSignatureProfile.Tag}", `alg` absent or "{ReadSignatureProfile.Algorithm}".
                A refused read is a 401 problem carrying `{ReadSignatureProfile.AcceptSignatureField}: {ReadSignatureProfile.AcceptSignature}`.
                In transparency mode the signature is not required.
                """,
        };
    }

    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<SignedReadMetadata>().Any())
        {
            return Task.CompletedTask;
        }
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] }];
        // Transparency mode (DESIGN §6): a read then needs no signature, and an empty requirement says so.
        if (context.ApplicationServices.GetRequiredService<ReadSettings>().Public)
        {
            operation.Security.Add(new OpenApiSecurityRequirement());
        }
        if (operation.Responses?.TryGetValue("401", out var refused) is true && refused is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[ReadSignatureProfile.AcceptSignatureField] = new OpenApiHeader
            {
                Description = "The signature this server asks for (RFC 9421 §5.1).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
        return Task.CompletedTask;
    }
}
