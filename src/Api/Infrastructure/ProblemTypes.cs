using Microsoft.AspNetCore.Http.Features;

namespace Acgs.Api.Infrastructure;

// RFC 9457: every error kind has one stable `type` URI that clients can switch on; the title is for people.
public static class ProblemTypes
{
    public const string Prefix = "urn:acgs:problem:";

    public const string NotFound = Prefix + "not-found";
    public const string BodyTooLarge = Prefix + "body-too-large";
    public const string MethodNotAllowed = Prefix + "method-not-allowed";
    public const string UnsupportedMediaType = Prefix + "unsupported-media-type";
    public const string Internal = Prefix + "internal";
    public const string BadRequest = Prefix + "bad-request";
    public const string InvalidReadQuery = Prefix + "invalid-read-query";
    public const string InvalidCursor = Prefix + "invalid-cursor";

    public static void Configure(ProblemDetailsOptions options) =>
        options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Type = problem.Type is { } type && type.StartsWith(Prefix, StringComparison.Ordinal)
                ? type
                : ForStatus(problem.Status ?? context.HttpContext.Response.StatusCode);
            problem.Instance ??= context.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        };

    private static string ForStatus(int status) => status switch
    {
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => BodyTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        >= 500 => Internal,
        _ => BadRequest,
    };
}
