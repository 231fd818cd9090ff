using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Acgs.Api.Infrastructure;
using Acgs.Api.Integrity;
using Acgs.Api.Reads;
using Acgs.Api.Submissions;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Sealing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;

namespace Acgs.Api.Tests.OpenApi;

[Collection(LedgerHostCollection.Name)]
public sealed partial class the_openapi_document_describes_every_route_and_problem(LedgerHostFixture fixture)
{
    private const string DocumentPath = "/openapi/v1.json";

    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    private LedgerHost Host => fixture.Host;

    [Fact]
    public async Task the_document_is_public_openapi_3_that_parses_without_errors()
    {
        var response = await Host.UnsignedClient.GetAsync(DocumentPath);

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        using var json = JsonDocument.Parse(text);
        json.RootElement.GetProperty("openapi").GetString().ShouldStartWith("3.");
        var read = OpenApiDocument.Parse(text, "json");
        read.Diagnostic!.Errors.ShouldBeEmpty(string.Join("\n", read.Diagnostic.Errors.Select(error => $"{error.Pointer}: {error.Message}")));
        var invalid = read.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        invalid.ShouldBeEmpty(string.Join("\n", invalid.Select(error => $"{error.Pointer}: {error.Message}")));
    }

    [Fact]
    public async Task every_route_the_host_maps_is_in_the_document()
    {
        using var document = await DocumentAsync();
        var paths = document.RootElement.GetProperty("paths");

        var missing = new List<string>();
        foreach (var (endpoint, path) in MappedEndpoints())
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Select(method => method.ToLowerInvariant()))
            {
                if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method, out _))
                {
                    missing.Add($"{method.ToUpperInvariant()} {path}");
                }
            }
        }

        missing.ShouldBeEmpty();
        paths.EnumerateObject().Count().ShouldBeGreaterThanOrEqualTo(MappedEndpoints().Select(mapped => mapped.Path).Distinct().Count());
    }

    [Fact]
    public async Task every_operation_has_a_unique_name_a_summary_and_a_success_answer()
    {
        using var document = await DocumentAsync();

        var operations = Operations(document).ToList();

        operations.Select(operation => operation.Body.GetProperty("operationId").GetString()).ShouldBeUnique();
        foreach (var (name, body) in operations)
        {
            body.TryGetProperty("summary", out _).ShouldBeTrue(name);
            body.GetProperty("responses").EnumerateObject().ShouldContain(response => response.Name.StartsWith('2'), name);
        }
    }

    [Fact]
    public async Task every_problem_type_is_documented_with_its_status_and_title()
    {
        using var document = await DocumentAsync();
        var problemType = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("ProblemType");
        var documented = problemType.GetProperty("enum").EnumerateArray().Select(value => value.GetString()).ToHashSet();
        var table = problemType.GetProperty("description").GetString()!;

        var constants = new[] { typeof(ProblemTypes), typeof(IntegrityApi) }
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(field => field.IsLiteral && field.GetRawConstantValue() is string value
                && value.StartsWith(ProblemTypes.Prefix, StringComparison.Ordinal) && value != ProblemTypes.Prefix)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();
        constants.Count.ShouldBeGreaterThan(20);
        foreach (var type in constants)
        {
            documented.ShouldContain(type);
        }
        foreach (var rejection in SubmissionRejections())
        {
            var type = ProblemTypes.Prefix + rejection.Kind;
            documented.ShouldContain(type);
            if (rejection.Kind != "not-found")
            {
                table.ShouldContain($"| `{type}` | {rejection.Status} | {rejection.Title} |");
            }
        }
    }

    [Fact]
    public async Task each_write_takes_the_signed_envelope_of_each_type_it_accepts_and_answers_201()
    {
        using var document = await DocumentAsync();
        var paths = document.RootElement.GetProperty("paths");
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var acts = Host.Services.GetRequiredService<GovernanceActs>();
        var writes = MappedEndpoints().Where(mapped => mapped.Endpoint.Metadata.GetMetadata<AcceptedSubmissionTypes>() is not null).ToList();
        writes.Count.ShouldBeGreaterThanOrEqualTo(8);

        foreach (var (endpoint, path) in writes)
        {
            var operation = paths.GetProperty(path).GetProperty("post");
            var body = operation.GetProperty("requestBody");
            body.GetProperty("required").GetBoolean().ShouldBeTrue(path);
            var schema = body.GetProperty("content").GetProperty("application/json").GetProperty("schema");
            var envelopes = schema.TryGetProperty("oneOf", out var choices) ? choices.EnumerateArray().ToList() : [schema];
            var references = envelopes.Select(envelope => envelope.GetProperty("$ref").GetString()).ToList();
            var accepted = endpoint.Metadata.GetMetadata<AcceptedSubmissionTypes>()!.Types;
            references.Count.ShouldBe(accepted.Count, path);
            foreach (var type in accepted)
            {
                var payloadType = acts.Find(type)!.PayloadType.Name;
                references.ShouldContain($"#/components/schemas/{payloadType}Request", path);
                var envelope = schemas.GetProperty(payloadType + "Request");
                envelope.GetProperty("required").EnumerateArray().Select(member => member.GetString())
                    .ShouldBe(["submission", "payload", "signature"], ignoreOrder: true);
                var properties = envelope.GetProperty("properties");
                properties.GetProperty("submission").GetProperty("properties").GetProperty("type").GetProperty("const").GetString().ShouldBe(type);
                properties.GetProperty("payload").GetProperty("$ref").GetString().ShouldBe($"#/components/schemas/{payloadType}");
                schemas.TryGetProperty(payloadType, out _).ShouldBeTrue(payloadType);
            }
            var created = operation.GetProperty("responses").GetProperty("201");
            created.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()
                .ShouldBe("#/components/schemas/WriteAnswer");
            created.GetProperty("headers").TryGetProperty("Location", out _).ShouldBeTrue(path);
            ProblemTypesOf(operation, "409").ShouldContain(ProblemTypes.Prefix + "version-conflict", path);
            ProblemTypesOf(operation, "415").ShouldContain(ProblemTypes.UnsupportedMediaType, path);
        }
    }

    [Fact]
    public async Task signed_reads_require_the_rfc_9421_scheme_and_public_reads_do_not()
    {
        using var document = await DocumentAsync();
        var paths = document.RootElement.GetProperty("paths");
        document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("acgsRead")
            .GetProperty("description").GetString()!.ShouldContain("acgs-read-v1");

        var signed = 0;
        foreach (var (endpoint, path) in MappedEndpoints().Where(mapped => mapped.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>() is not null))
        {
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods[0].ToLowerInvariant();
            var operation = paths.GetProperty(path).GetProperty(method);
            if (endpoint.Metadata.GetMetadata<SignedReadMetadata>() is null)
            {
                operation.TryGetProperty("security", out _).ShouldBeFalse(path);
                continue;
            }
            signed++;
            operation.GetProperty("security")[0].TryGetProperty("acgsRead", out _).ShouldBeTrue(path);
            ProblemTypesOf(operation, "401").ShouldContain(ProblemTypes.ReadSignatureReplayed, path);
        }
        signed.ShouldBeGreaterThanOrEqualTo(6);
    }

    [Fact]
    public async Task schemas_use_the_json_the_api_writes()
    {
        using var document = await DocumentAsync();
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        var answer = schemas.GetProperty("WriteAnswer").GetProperty("properties");
        answer.GetProperty("recordedAt").GetProperty("pattern").GetString().ShouldBe(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$");
        answer.TryGetProperty("eventHash", out _).ShouldBeTrue();
        var roles = schemas.GetProperty("ActorRegistered").GetProperty("properties").GetProperty("roles").GetProperty("items");
        roles.GetProperty("enum").EnumerateArray().Select(role => role.GetString()).ShouldContain("council");
        schemas.GetProperty("Submission").GetProperty("properties").GetProperty("keyId").GetProperty("pattern").GetString().ShouldBe("^[0-9a-f]{16}$");
    }

    [Fact]
    public async Task the_reference_page_is_public_html_whose_script_is_served_here()
    {
        var response = await Host.UnsignedClient.GetAsync("/reference");

        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        html.ShouldContain("\"url\":\"openapi/v1.json\"", Case.Sensitive, "Scalar resolves the document from the site's root");
        var scripts = ScriptSource().Matches(html).Select(match => match.Groups["src"].Value).ToList();
        scripts.ShouldNotBeEmpty(html);
        foreach (var script in scripts)
        {
            script.ShouldNotStartWith("http", Case.Insensitive, "the page must work without the internet");
            var served = await Host.UnsignedClient.GetAsync(new Uri(new Uri(Host.UnsignedClient.BaseAddress!, "/reference/"), script));
            served.StatusCode.ShouldBe(HttpStatusCode.OK, script);
        }
    }

    private async Task<JsonDocument> DocumentAsync() =>
        JsonDocument.Parse(await Host.UnsignedClient.GetStringAsync(DocumentPath));

    // Every route the host serves and describes; the document and the reference page themselves opt out.
    private IEnumerable<(RouteEndpoint Endpoint, string Path)> MappedEndpoints() =>
        Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Select(endpoint => (endpoint, PathOf(endpoint.RoutePattern)));

    private static string PathOf(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            _ => throw new InvalidOperationException($"unexpected route part in {pattern.RawText}"),
        }))));

    private static IEnumerable<(string Name, JsonElement Body)> Operations(JsonDocument document) =>
        document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(operation => Methods.Contains(operation.Name))
                .Select(operation => ($"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value)));

    private static List<string?> ProblemTypesOf(JsonElement operation, string status) =>
        operation.GetProperty("responses").GetProperty(status).GetProperty("content").GetProperty("application/problem+json")
            .GetProperty("schema").GetProperty("properties").GetProperty("type").GetProperty("enum")
            .EnumerateArray().Select(type => type.GetString()).ToList();

    private static IEnumerable<SubmissionRejection> SubmissionRejections() =>
        typeof(SubmissionRejection).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(method => method.ReturnType == typeof(SubmissionRejection))
            .Select(method => (SubmissionRejection)method.Invoke(null, [.. method.GetParameters().Select(parameter =>
                parameter.ParameterType == typeof(string) ? string.Empty : Activator.CreateInstance(parameter.ParameterType)!)])!);

    [GeneratedRegex(@"<script[^>]*\bsrc=""(?<src>[^""]+)""")]
    private static partial Regex ScriptSource();
}
