using Acgs.Api.Infrastructure;
using Acgs.Api.OpenApi;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;
using Prometheus;

namespace Acgs.Api.Submissions;

// The submission types a write route accepts, for its OpenAPI request body.
public sealed record AcceptedSubmissionTypes(IReadOnlyList<string> Types);

// The HTTP edge of every write: read the bounded body, hand it to the pipeline, answer with the
// sealed event (201, the same for a retry) or a problem document naming why nothing was appended.
public static class SubmissionEndpoint
{
    // Labels are the fixed set of outcomes: sealed, replayed, or a rejection kind (SubmissionRejection).
    private static readonly Counter Outcomes = Metrics.CreateCounter("acgs_submissions_total",
        "Signed submissions that reached the pipeline, by outcome: sealed, replayed, or the problem kind that refused them.",
        new CounterConfiguration { LabelNames = ["outcome"] });

    public const string ReplayedHeader = "Idempotent-Replayed";

    public sealed record WriteAnswer(
        Guid SubmissionId,
        string EventHash,
        Guid StreamId,
        long Version,
        DateTimeOffset RecordedAt,
        string Receipt,
        string Proof);

    // `POST {group}/`: an act that starts a stream, or names its stream in the submission alone.
    public static RouteHandlerBuilder MapSubmissions(this RouteGroupBuilder group, params string[] types)
    {
        ArgumentNullException.ThrowIfNull(group);
        var route = new SubmissionRoute(null, new HashSet<string>(types, StringComparer.Ordinal));
        return group.MapPost("/", (HttpContext context, SubmissionPipeline pipeline) => HandleAsync(context, pipeline, route))
            .DescribeWrite(types);
    }

    // `POST {group}/{id}/{resource}`: an act on the stream `{id}`, which the submission must name.
    public static RouteHandlerBuilder MapStreamSubmissions(this RouteGroupBuilder group, string resource, params string[] types)
    {
        ArgumentNullException.ThrowIfNull(group);
        var accepted = new HashSet<string>(types, StringComparer.Ordinal);
        return group.MapPost($"/{{id:guid}}/{resource}", (Guid id, HttpContext context, SubmissionPipeline pipeline) =>
            HandleAsync(context, pipeline, new SubmissionRoute(id, accepted)))
            .DescribeWrite(types);
    }

    private static RouteHandlerBuilder DescribeWrite(this RouteHandlerBuilder endpoint, string[] types) =>
        endpoint.WithMetadata(new AcceptedSubmissionTypes(types))
            .Produces<WriteAnswer>(StatusCodes.Status201Created)
            .ProducesProblems([ProblemTypes.UnsupportedMediaType, ProblemTypes.BodyTooLarge, .. ProblemCatalog.SubmissionRejectionTypes]);

    public static async Task<IResult> HandleAsync(HttpContext context, SubmissionPipeline pipeline, SubmissionRoute route)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pipeline);
        var request = context.Request;
        if (!request.HasJsonContentType())
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType,
                "Unsupported media type", "a signed request is sent as application/json");
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, ProblemTypes.BodyTooLarge,
                "Request body too large", $"a signed request is at most {AcgsApi.MaxRequestBodyBytes} bytes");
        }

        var result = await pipeline.SubmitAsync(body, route, context.RequestAborted);
        Outcomes.WithLabels(result.Rejection?.Kind ?? (result.Replayed ? "replayed" : "sealed")).Inc();
        if (result.Rejection is { } rejection)
        {
            return Problems.Create(rejection.Status, ProblemTypes.Prefix + rejection.Kind, rejection.Title, rejection.Detail);
        }

        var answer = result.Answer!;
        context.Response.Headers[ReplayedHeader] = result.Replayed ? "true" : "false";
        var body201 = new WriteAnswer(answer.SubmissionId, answer.EventHash, answer.StreamId, answer.Version, answer.RecordedAt,
            answer.Receipt, $"/v1/proofs/inclusion?eventHash={answer.EventHash}");
        context.Response.Headers.Location = $"/v1/events/{answer.EventHash}";
        return TypedResults.Json(body201, LedgerJson.Options, statusCode: StatusCodes.Status201Created);
    }
}
