using Microsoft.AspNetCore.Mvc;

namespace Acgs.Api.Infrastructure;

public static class Problems
{
    public static IResult Create(int status, string type, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail });
}
