using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Reads;

namespace Acgs.Api.Audit;

// The sealed log from one leaf on, one event per line (application/x-ndjson), up to the tree size
// signed when the replay began (sent as Acgs-Tree-Size). Read in keyset pages, each written and
// flushed before the next is read, so memory stays bounded by one page however long the log; no
// connection is held while a slow client reads. A client that stopped after leaf N resumes with
// from=N+1 and gets exactly the rest.
public sealed class NdjsonReplay(SealedEventReader reader, long fromLeaf) : IResult
{
    public const string ContentType = "application/x-ndjson";
    public const string TreeSizeHeader = "Acgs-Tree-Size";
    public const int PageSize = 500;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var token = httpContext.RequestAborted;
        var treeSize = await reader.TreeSizeAsync(token);
        var response = httpContext.Response;
        response.ContentType = ContentType;
        response.Headers[TreeSizeHeader] = treeSize.ToString(CultureInfo.InvariantCulture);
        var body = response.BodyWriter;
        await using var json = new Utf8JsonWriter(body);
        var afterLeaf = fromLeaf - 1;
        while (afterLeaf + 1 < treeSize)
        {
            var page = await reader.PageAsync(AuditFilter.All, afterLeaf, PageSize, token);
            foreach (var sealedEvent in page.Events.TakeWhile(sealedEvent => sealedEvent.LeafIndex < treeSize))
            {
                JsonSerializer.Serialize(json, sealedEvent, LedgerJson.Options);
                json.Flush();
                // One writer per line would allocate per event; a reset one starts a new root value.
                json.Reset();
                body.Write("\n"u8);
                afterLeaf = sealedEvent.LeafIndex;
            }
            await body.FlushAsync(token);
            if (!page.More || page.Events[^1].LeafIndex >= treeSize)
            {
                return;
            }
        }
    }
}
