using Acgs.Api.Infrastructure;
using Acgs.Api.OpenApi;
using Acgs.Api.Reads;
using Acgs.Ledger.Integrity;

namespace Acgs.Api.Integrity;

// DESIGN §4.7, §6: the verifier over HTTP. A run is started by POST and read back from the report; both
// are signed reads (a run reads the whole ledger and any registered actor, an Auditor too, may ask for one).
public static class IntegrityApi
{
    public const string ReportPath = "/v1/integrity/report";
    public const string RunInProgress = ProblemTypes.Prefix + "integrity-run-in-progress";
    public const string NoReport = ProblemTypes.Prefix + "no-integrity-report";
    public const string RunInProgressTitle = "A verification is already running";
    public const string NoReportTitle = "No verification has run";

    public sealed record RunStarted(DateTimeOffset StartedAt, string Report);

    public static IEndpointRouteBuilder MapIntegrityApi(this IEndpointRouteBuilder endpoints)
    {
        var integrity = endpoints.MapGroup("/v1/integrity").WithTags("Integrity").RequireSignedRead();
        integrity.MapGet("/report", GetReport)
            .WithName("GetIntegrityReport").WithSummary("The last verification's report")
            .WithDescription("Whether a run is in progress, and the last run's report (findings are data) or why it could not run.")
            .Produces<IntegrityStatus>()
            .ProducesProblems(NoReport);
        integrity.MapPost("/runs", StartRun)
            .WithName("StartIntegrityRun").WithSummary("Start a verification of the whole ledger")
            .WithDescription("One run at a time; follow it at the report (Location).")
            .Produces<RunStarted>(StatusCodes.Status202Accepted)
            .ProducesProblems(RunInProgress);
        return endpoints;
    }

    public static IResult GetReport(IntegrityRuns runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.Status() is { } status
            ? TypedResults.Json(status, LedgerJson.Options)
            : Problems.Create(StatusCodes.Status404NotFound, NoReport, NoReportTitle,
                "no verification has run since the API started; start one with POST /v1/integrity/runs");
    }

    public static IResult StartRun(HttpContext context, IntegrityRuns runs)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(runs);
        if (!runs.TryStart(out var startedAt))
        {
            return Problems.Create(StatusCodes.Status409Conflict, RunInProgress, RunInProgressTitle,
                $"one verification runs at a time; follow it at {ReportPath}");
        }
        context.Response.Headers.Location = ReportPath;
        return TypedResults.Json(new RunStarted(startedAt, ReportPath), LedgerJson.Options, statusCode: StatusCodes.Status202Accepted);
    }
}
