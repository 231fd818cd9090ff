using Acgs.Api.Infrastructure;
using Acgs.Api.OpenApi;
using Acgs.Ledger.Reads;

namespace Acgs.Api.Reads;

// DESIGN §6: reads of ledger data are signed by an active registered actor, any role (PROTOCOL.md §10),
// unless the operator enabled transparency mode (Acgs:Reads:Public=true). A read group opts in with
// one line:
//     var audit = endpoints.MapGroup("/v1/audit").RequireSignedRead();
// Checkpoints, proofs, the ledger key, health and metrics never do: they are public always.
public static class SignedReads
{
    public static TBuilder RequireSignedRead<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, SignedReadFilter>()
            .WithMetadata(new SignedReadMetadata())
            .ProducesProblems(ProblemCatalog.ReadRefusalTypes);

    public static IServiceCollection AddSignedReads(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services
            .AddSingleton(ReadSettings.From(configuration))
            .AddSingleton<ReadNonces>()
            .AddSingleton<ReadSignatureVerifier>();
    }

    internal static (string Type, string Title) Describe(ReadRefusalKind kind) => kind switch
    {
        ReadRefusalKind.Missing => (ProblemTypes.ReadSignatureMissing, "This read must be signed"),
        ReadRefusalKind.Malformed => (ProblemTypes.ReadSignatureMalformed, "The read signature fields are malformed"),
        ReadRefusalKind.Components => (ProblemTypes.ReadSignatureComponents, "The read signature covers the wrong components"),
        ReadRefusalKind.Parameters => (ProblemTypes.ReadSignatureParameters, "The read signature parameters are not the profile's"),
        ReadRefusalKind.Tag => (ProblemTypes.ReadSignatureTag, "The read signature has the wrong tag"),
        ReadRefusalKind.Algorithm => (ProblemTypes.ReadSignatureAlgorithm, "The read signature names another algorithm"),
        ReadRefusalKind.Nonce => (ProblemTypes.ReadSignatureNonce, "The read signature's nonce is unusable"),
        ReadRefusalKind.NotFresh => (ProblemTypes.ReadSignatureNotFresh, "The read signature was not created now"),
        ReadRefusalKind.Lifetime => (ProblemTypes.ReadSignatureLifetime, "The read signature's lifetime is out of bounds"),
        ReadRefusalKind.Expired => (ProblemTypes.ReadSignatureExpired, "The read signature has expired"),
        ReadRefusalKind.UnknownKey => (ProblemTypes.ReadSignatureUnknownKey, "The read is signed by an unknown key"),
        ReadRefusalKind.KeyNotActive => (ProblemTypes.ReadSignatureKeyNotActive, "The read is signed by a key no longer in use"),
        ReadRefusalKind.ActorSuspended => (ProblemTypes.ReadSignatureActorSuspended, "The reading actor is suspended"),
        ReadRefusalKind.BadSignature => (ProblemTypes.ReadSignatureInvalid, "The read signature does not verify"),
        ReadRefusalKind.Replayed => (ProblemTypes.ReadSignatureReplayed, "The read signature has been used before"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

// Marks an endpoint as a signed read, for its OpenAPI security requirement.
public sealed record SignedReadMetadata;

public sealed class SignedReadFilter(ReadSettings settings, ReadSignatureVerifier verifier) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (settings.Public)
        {
            return await next(context);
        }
        var http = context.HttpContext;
        if (await verifier.VerifyAsync(http, http.RequestAborted) is not { } refusal)
        {
            return await next(context);
        }
        // RFC 9421 §5.1: the signature this server asks for.
        http.Response.Headers[ReadSignatureProfile.AcceptSignatureField] = ReadSignatureProfile.AcceptSignature;
        var (type, title) = SignedReads.Describe(refusal.Kind);
        return Problems.Create(StatusCodes.Status401Unauthorized, type, title, refusal.Detail);
    }
}
