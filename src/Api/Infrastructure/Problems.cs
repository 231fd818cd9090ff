using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Acgs.Api.Infrastructure;

public static class Problems
{
    public static ProblemHttpResult Create(int status, string type, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail });
}
