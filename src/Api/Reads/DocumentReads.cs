using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Acgs.Api.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Integrity.Verification;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Acgs.Api.Reads;

// `nextCursor` is written even when null, so that a client can tell the last page from a missing member.
public sealed record DocumentPage<T>(
    IReadOnlyList<T> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor);

// Reads of the documents Marten keeps per stream (read models and snapshots), by id and in keyset
// pages by id. A filter is a JSON object the document must contain (jsonb `@>`), built from checked
// values only, so no query text ever comes from a client.
public sealed class DocumentReads(NpgsqlDataSource dataSource)
{
    // `GET …/{id}`: the document of that stream, or 404; the id in its one spelling, no parameters.
    public async Task<Results<JsonHttpResult<TItem>, ProblemHttpResult>> GetAsync<T, TItem>(
        HttpContext context, string id, StreamDocument document, string noun, Func<T, TItem> item, CancellationToken token)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(item);
        if (ListQuery.CheckNames(context.Request.Query) is { } names)
        {
            return InvalidQuery(names);
        }
        if (!ListQuery.TryParseUuid(id, out var streamId))
        {
            return InvalidQuery($"a{(noun[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "n" : "")} {noun} id is a UUID (lowercase, hyphenated)");
        }
        return await LoadAsync<T>(document, streamId, token) is { } found
            ? TypedResults.Json(item(found), LedgerJson.Options)
            : NotFound($"no {noun} {streamId}");
    }

    // `GET …?filters&limit=&cursor=`: `filters` names the read's own parameters and turns their values
    // into the containment filter, or says why a value is refused.
    public async Task<Results<JsonHttpResult<DocumentPage<TItem>>, ProblemHttpResult>> ListAsync<T, TItem>(
        HttpContext context, StreamDocument document, string read, string[] filterNames, Func<IQueryCollection, JsonObject, string?> filters,
        Func<T, Guid> idOf, Func<T, TItem> item, CancellationToken token)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(filters);
        var query = context.Request.Query;
        var filter = new JsonObject();
        var unknown = ListQuery.CheckNames(query, [.. filterNames, ListQuery.Limit, ListQuery.Cursor]);
        var badWindow = ListQuery.ParseWindow(query, out var window);
        var problem = unknown ?? badWindow ?? filters(query, filter);
        return problem is not null
            ? InvalidQuery(problem)
            : await PageAsync(document, read, filter, window, idOf, item, token);
    }

    // `?status=`: documents whose status member is that one, written as the ledger writes it.
    public static string? StatusFilter<TStatus>(IQueryCollection query, JsonObject filter)
        where TStatus : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (ListQuery.Value(query, "status") is not { } text)
        {
            return null;
        }
        if (!ListQuery.TryParseName<TStatus>(text, out var status))
        {
            return $"status must be one of {ListQuery.NamesOf<TStatus>()}";
        }
        filter["status"] = ListQuery.NameOf(status);
        return null;
    }

    public async Task<T?> LoadAsync<T>(StreamDocument document, Guid id, CancellationToken token)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(document);
        await using var command = dataSource.CreateCommand(
            $"select data::text from {LedgerConfiguration.SchemaName}.{document.Table} where id = $1");
        command.Parameters.AddWithValue(id);
        return await command.ExecuteScalarAsync(token) is string data ? Read<T>(data) : null;
    }

    // One page of the documents matching `filter`, after the cursor if one is given; a cursor is bound
    // to the read's name and filter, so one taken from another read or filter is refused.
    public async Task<Results<JsonHttpResult<DocumentPage<TItem>>, ProblemHttpResult>> PageAsync<T, TItem>(
        StreamDocument document, string read, JsonObject filter, PageWindow window, Func<T, Guid> idOf, Func<T, TItem> item, CancellationToken token)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(idOf);
        ArgumentNullException.ThrowIfNull(item);
        var query = read + "\n" + CanonicalJson.CanonicalizeToString(JsonSerializer.SerializeToElement(filter, LedgerJson.Options));
        Guid? after = null;
        if (window.Cursor is { } cursor)
        {
            if (!ReadCursor.TryRead(query, cursor, out Guid position))
            {
                return InvalidCursor();
            }
            after = position;
        }

        await using var command = dataSource.CreateCommand(
            $"""
            select data::text from {LedgerConfiguration.SchemaName}.{document.Table}
            where data @> $1::jsonb {(after is null ? "" : "and id > $3")}
            order by id limit $2
            """);
        command.Parameters.AddWithValue(filter.ToJsonString(LedgerJson.Options));
        command.Parameters.AddWithValue(window.Limit + 1);
        if (after is { } start)
        {
            command.Parameters.AddWithValue(start);
        }
        var documents = new List<T>(window.Limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(token))
        {
            while (await reader.ReadAsync(token))
            {
                documents.Add(Read<T>(reader.GetString(0)));
            }
        }
        var more = documents.Count > window.Limit;
        var page = documents.Take(window.Limit).ToList();
        var next = more ? ReadCursor.Issue(query, idOf(page[^1])) : null;
        return TypedResults.Json(new DocumentPage<TItem>(page.Select(item).ToList(), next), LedgerJson.Options);
    }

    public static ProblemHttpResult InvalidQuery(string detail) =>
        Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidReadQuery, "Invalid read", detail);

    public static ProblemHttpResult InvalidCursor() =>
        Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidCursor, "Invalid cursor",
            "cursor is not a nextCursor this read issued for these filters; start again without a cursor");

    public static ProblemHttpResult NotFound(string detail) =>
        Problems.Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found", detail);

    private static T Read<T>(string data) =>
        JsonSerializer.Deserialize<T>(data, LedgerJson.Options) ?? throw new InvalidDataException($"a stored {typeof(T).Name} is null");
}
