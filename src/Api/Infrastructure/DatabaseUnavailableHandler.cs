using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Acgs.Api.Infrastructure;

// A request that fails because PostgreSQL is unreachable or out of connections is the server's
// temporary state, not a bug: 503 with Retry-After tells a client to come back, where a 500 would not.
public sealed class DatabaseUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public const string Title = "The ledger's database is unavailable";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is NpgsqlException { IsTransient: true })
            {
                httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                httpContext.Response.Headers.RetryAfter = "2";
                return await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = httpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status503ServiceUnavailable,
                        Type = ProblemTypes.DatabaseUnavailable,
                        Title = Title,
                        Detail = "PostgreSQL could not serve the request. Retry it: a retried submission is answered from its first recording if that one landed.",
                    },
                });
            }
        }
        return false;
    }
}
