using Acgs.Api.Infrastructure;
using Acgs.Api.OpenApi;

namespace Acgs.Api.Reads;

// What the document reads answer, for the OpenAPI document: a keyset page of items with its filters,
// or one item by its id.
public static class DocumentReadDescriptions
{
    public static RouteHandlerBuilder DescribeList<TItem>(this RouteHandlerBuilder endpoint, params QueryParameter[] filters) =>
        endpoint.WithQueryParameters([.. filters, QueryParameters.Limit(ListQuery.MaxLimit, ListQuery.DefaultLimit), QueryParameters.Cursor()])
            .Produces<DocumentPage<TItem>>()
            .ProducesProblems(ProblemTypes.InvalidReadQuery, ProblemTypes.InvalidCursor);

    public static RouteHandlerBuilder DescribeItem<TItem>(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces<TItem>().ProducesProblems(ProblemTypes.InvalidReadQuery, ProblemTypes.NotFound);

    public static QueryParameter StatusFilter<TStatus>()
        where TStatus : struct, Enum =>
        new("status", $"Only those in this state: one of {ListQuery.NamesOf<TStatus>()}.");
}
