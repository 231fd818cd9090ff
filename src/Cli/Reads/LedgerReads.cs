using System.Text.Json;

namespace Acgs.Cli.Reads;

// The reads a write command needs before it can sign (the constitution's version and window, the
// Council to freeze): one GET, its JSON, or an IOException that says what went wrong.
internal static class LedgerReads
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static async Task<JsonElement> GetAsync(string baseUrl, string path, CancellationToken token)
    {
        var endpoint = new Uri(baseUrl.TrimEnd('/') + path);
        using var client = new HttpClient { Timeout = RequestTimeout };
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(endpoint, token);
        }
        catch (HttpRequestException exception)
        {
            throw new IOException($"cannot reach {endpoint}: {exception.Message}", exception);
        }
        catch (TaskCanceledException exception) when (!token.IsCancellationRequested)
        {
            throw new IOException($"{endpoint} did not answer within {RequestTimeout.TotalSeconds:0} s", exception);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(token);
            if (!response.IsSuccessStatusCode)
            {
                throw new IOException($"GET {endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase}: {text}");
            }
            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException exception)
            {
                throw new IOException($"GET {endpoint} did not answer JSON: {exception.Message}", exception);
            }
        }
    }
}
