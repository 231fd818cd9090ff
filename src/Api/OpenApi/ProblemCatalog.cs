using System.Reflection;
using Acgs.Api.Infrastructure;
using Acgs.Api.Integrity;
using Acgs.Api.Reads;
using Acgs.Ledger.Reads;
using Acgs.Ledger.Sealing;

namespace Acgs.Api.OpenApi;

public sealed record ProblemKind(string Type, int Status, string Title);

// Every stable problem `type` the API answers with (RFC 9457), with its status and title, for the
// OpenAPI document: the general ones, each signed-read refusal and each submission rejection.
public static class ProblemCatalog
{
    public static IReadOnlyList<ProblemKind> All { get; } = General()
        .Concat(ReadRefusals())
        .Concat(SubmissionRejections())
        .DistinctBy(kind => kind.Type, StringComparer.Ordinal)
        .ToList();

    public static IReadOnlyList<string> ReadRefusalTypes { get; } = ReadRefusals().Select(kind => kind.Type).ToList();

    public static IReadOnlyList<string> SubmissionRejectionTypes { get; } = SubmissionRejections().Select(kind => kind.Type).Distinct().ToList();

    public static ProblemKind Find(string type) =>
        All.FirstOrDefault(kind => string.Equals(kind.Type, type, StringComparison.Ordinal))
        ?? throw new ArgumentException($"{type} is not in the problem catalog", nameof(type));

    private static IEnumerable<ProblemKind> General() =>
    [
        new(ProblemTypes.BadRequest, StatusCodes.Status400BadRequest, "Bad Request"),
        new(ProblemTypes.NotFound, StatusCodes.Status404NotFound, "Not found"),
        new(ProblemTypes.MethodNotAllowed, StatusCodes.Status405MethodNotAllowed, "Method Not Allowed"),
        new(ProblemTypes.BodyTooLarge, StatusCodes.Status413PayloadTooLarge, "Request body too large"),
        new(ProblemTypes.UnsupportedMediaType, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type"),
        new(ProblemTypes.Internal, StatusCodes.Status500InternalServerError, "An error occurred while processing your request."),
        new(ProblemTypes.DatabaseUnavailable, StatusCodes.Status503ServiceUnavailable, DatabaseUnavailableHandler.Title),
        new(ProblemTypes.InvalidReadQuery, StatusCodes.Status400BadRequest, "Invalid read"),
        new(ProblemTypes.InvalidCursor, StatusCodes.Status400BadRequest, "Invalid cursor"),
        new(ProblemTypes.InvalidProofRequest, StatusCodes.Status400BadRequest, "Invalid request"),
        new(IntegrityApi.RunInProgress, StatusCodes.Status409Conflict, IntegrityApi.RunInProgressTitle),
        new(IntegrityApi.NoReport, StatusCodes.Status404NotFound, IntegrityApi.NoReportTitle),
    ];

    private static IEnumerable<ProblemKind> ReadRefusals() =>
        Enum.GetValues<ReadRefusalKind>().Select(kind => SignedReads.Describe(kind))
            .Select(refusal => new ProblemKind(refusal.Type, StatusCodes.Status401Unauthorized, refusal.Title));

    // Each factory is the one place its kind's status and title are written: calling every one with
    // placeholder arguments reads them, so a kind added there cannot be missing here.
    private static IEnumerable<ProblemKind> SubmissionRejections() =>
        typeof(SubmissionRejection).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(method => method.ReturnType == typeof(SubmissionRejection))
            .OrderBy(method => method.MetadataToken)
            .Select(method => (SubmissionRejection)method.Invoke(null, [.. method.GetParameters().Select(Placeholder)])!)
            .Select(rejection => new ProblemKind(ProblemTypes.Prefix + rejection.Kind, rejection.Status, rejection.Title));

    private static object Placeholder(ParameterInfo parameter) =>
        parameter.ParameterType == typeof(string) ? string.Empty : Activator.CreateInstance(parameter.ParameterType)!;
}
