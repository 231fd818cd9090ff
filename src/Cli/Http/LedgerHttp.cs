using System.Net;
using System.Text.Json;

namespace Acgs.Cli.Http;

// What every command that talks to the ledger's API shares: one bounded wait, the same report when no
// ledger answers, and the ledger's JSON answers and RFC 9457 problems read and shown alike.
internal static class LedgerHttp
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static HttpClient Client(HttpMessageHandler? handler = null) =>
        new(handler ?? new SocketsHttpHandler()) { Timeout = RequestTimeout };

    // The response, or null once the reason no ledger answered is on the error stream.
    public static async Task<HttpResponseMessage?> SendAsync(HttpClient client, HttpRequestMessage request, TextWriter error, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return await client.SendAsync(request, token);
        }
        catch (HttpRequestException exception)
        {
            error.WriteLine($"acgs: cannot reach {request.RequestUri}: {exception.Message}");
        }
        catch (TaskCanceledException) when (!token.IsCancellationRequested)
        {
            error.WriteLine($"acgs: {request.RequestUri} did not answer within {RequestTimeout.TotalSeconds:0} s");
        }
        return null;
    }

    public static async Task<JsonElement?> ReadObjectAsync(HttpResponseMessage response, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(token));
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static bool IsProblem(HttpResponseMessage response) =>
        response?.Content.Headers.ContentType?.MediaType == "application/problem+json";

    public static void WriteProblem(TextWriter error, string what, HttpStatusCode status, JsonElement problem)
    {
        ArgumentNullException.ThrowIfNull(error);
        error.WriteLine($"acgs: {what} ({(int)status} {status})");
        foreach (var member in new[] { "type", "title", "detail" })
        {
            if (problem.TryGetProperty(member, out var value))
            {
                error.WriteLine($"{member + ":",-8}{value}");
            }
        }
    }

    public static void WriteNotTheLedger(TextWriter error, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(response);
        error.WriteLine($"acgs: {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} {response.ReasonPhrase} without a ledger answer or problem document; is --url the ledger's API?");
    }
}
