using System.Text.Json;
using Acgs.Cli.Http;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Reads;

namespace Acgs.Cli.Reads;

// The reads a write command needs before it can sign (the constitution's version and window, the
// Council to freeze), signed with the same actor's key: one GET, its JSON, or an IOException that
// says what went wrong.
internal static class LedgerReads
{
    public static async Task<JsonElement> GetAsync(string baseUrl, string path, SigningKey reader, CancellationToken token)
    {
        using var client = LedgerHttp.Client(new SignedReadHandler(reader, new SocketsHttpHandler()));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl.TrimEnd('/') + path));
        using var error = new StringWriter();
        using var response = await LedgerHttp.SendAsync(client, request, error, token)
            ?? throw new IOException(error.ToString().Trim());
        var text = await response.Content.ReadAsStringAsync(token);
        if (!response.IsSuccessStatusCode)
        {
            throw new IOException($"GET {request.RequestUri} answered {(int)response.StatusCode} {response.ReasonPhrase}: {text}");
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new IOException($"GET {request.RequestUri} did not answer JSON: {exception.Message}", exception);
        }
    }
}
