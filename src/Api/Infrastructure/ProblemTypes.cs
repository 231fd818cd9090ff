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
    public const string InvalidProofRequest = Prefix + "invalid-proof-request";
    public const string DatabaseUnavailable = Prefix + "database-unavailable";

    // Signed reads (DESIGN §6, PROTOCOL.md §10): each a 401 with Accept-Signature naming the profile.
    public const string ReadSignatureMissing = Prefix + "read-signature-missing";
    public const string ReadSignatureMalformed = Prefix + "read-signature-malformed";
    public const string ReadSignatureComponents = Prefix + "read-signature-components";
    public const string ReadSignatureParameters = Prefix + "read-signature-parameters";
    public const string ReadSignatureTag = Prefix + "read-signature-tag";
    public const string ReadSignatureAlgorithm = Prefix + "read-signature-algorithm";
    public const string ReadSignatureNonce = Prefix + "read-signature-nonce";
    public const string ReadSignatureNotFresh = Prefix + "read-signature-not-fresh";
    public const string ReadSignatureLifetime = Prefix + "read-signature-lifetime";
    public const string ReadSignatureExpired = Prefix + "read-signature-expired";
    public const string ReadSignatureUnknownKey = Prefix + "read-signature-unknown-key";
    public const string ReadSignatureKeyNotActive = Prefix + "read-signature-key-not-active";
    public const string ReadSignatureActorSuspended = Prefix + "read-signature-actor-suspended";
    public const string ReadSignatureInvalid = Prefix + "read-signature-invalid";
    public const string ReadSignatureReplayed = Prefix + "read-signature-replayed";

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
