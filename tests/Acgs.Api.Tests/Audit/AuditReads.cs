using System.Net;
using System.Text.Json;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Identity.Actors;
using Acgs.Seeding;
using Marten;
using Npgsql;

namespace Acgs.Api.Tests.Audit;

// A reader of the audit endpoints as a client would page them, and the log's own tables to check
// them against.
public sealed class AuditReads(LedgerHost host)
{
    public HttpClient Client => host.Client;

    // Every item of a paged read, following nextCursor to the end; the pages' own cursors are checked
    // as they go (a page ends with a cursor exactly when another follows).
    public async Task<List<JsonElement>> WalkAsync(string path, int limit)
    {
        var items = new List<JsonElement>();
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        string? cursor = null;
        do
        {
            var page = await PageAsync($"{path}{separator}limit={limit}" + (cursor is null ? "" : $"&cursor={cursor}"));
            var pageItems = page.GetProperty("items").EnumerateArray().ToList();
            pageItems.Count.ShouldBeLessThanOrEqualTo(limit);
            items.AddRange(pageItems);
            cursor = page.GetProperty("nextCursor").GetString();
            if (cursor is not null)
            {
                pageItems.ShouldNotBeEmpty();
            }
        }
        while (cursor is not null);
        return items;
    }

    public async Task<JsonElement> PageAsync(string path)
    {
        var response = await Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    public async Task<(List<JsonElement> Lines, long TreeSize)> ReplayAsync(long from)
    {
        var response = await Client.GetAsync($"/v1/replay?from={from}", HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-ndjson");
        var treeSize = long.Parse(response.Headers.GetValues("Acgs-Tree-Size").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var lines = new List<JsonElement>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            using var document = JsonDocument.Parse(line);
            lines.Add(document.RootElement.Clone());
        }
        return (lines, treeSize);
    }

    // A new actor, and events it signs in streams of its own, sealed through the choke point.
    public async Task<(Guid ActorId, IReadOnlyList<Guid> Streams)> SeedAsync(int events, int eventsPerStream)
    {
        var submitter = new Submitter(host);
        var (actorId, key) = await submitter.RegisterAsync(Role.Council);
        using (key)
        {
            var streams = await SealedEventSeeder.SeedAsync(host.Services.GetRequiredService<IDocumentStore>(), host.Ledger.LedgerId,
                actorId, key, actorVersion: 1, events, eventsPerStream, eventsPerSession: 25);
            await WaitUntilSealedAsync();
            return (actorId, streams);
        }
    }

    public async Task WaitUntilSealedAsync() =>
        await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from acgs.unsealed") == 0, TimeSpan.FromSeconds(30));

    public async Task<List<long>> LoggedLeavesAsync()
    {
        await using var command = host.Rows.DataSource.CreateCommand("select leaf_index from acgs.log_leaves order by leaf_index");
        await using var reader = await command.ExecuteReaderAsync();
        var leaves = new List<long>();
        while (await reader.ReadAsync())
        {
            leaves.Add(reader.GetInt64(0));
        }
        return leaves;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = host.Rows.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<long> SeqOfAsync(Guid streamId)
    {
        await using var command = host.Rows.DataSource.CreateCommand("select seq_id from acgs.mt_events where stream_id = $1 and version = 1");
        command.Parameters.AddWithValue(streamId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static long Leaf(JsonElement item) => item.GetProperty("leafIndex").GetInt64();

    public static Guid Actor(JsonElement item) => item.GetProperty("actorId").GetGuid();

    public static Guid Stream(JsonElement item) => item.GetProperty("streamId").GetGuid();

    public static string Type(JsonElement item) => item.GetProperty("type").GetString()!;

    public static DateTimeOffset RecordedAt(JsonElement item) => DateTimeOffset.Parse(item.GetProperty("recordedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}
