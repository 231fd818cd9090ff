using System.Text.Json;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Reads;

namespace Acgs.Cli.Reads;

// Sends one read, signed with the reader's key when one is given, and reports it. Exit codes: 0 the
// ledger's JSON answer is on the output; 1 the ledger refused with an RFC 9457 problem (on the error
// stream); 2 nothing could be read (key file, unreachable server, an answer that is not the ledger's).
internal sealed class LedgerReader(TextWriter output, TextWriter error)
{
    public const int Read = 0;
    public const int Refused = 1;
    public const int Unusable = 2;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public async Task<int> ReadAsync(LedgerReadSettings settings, string path, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(settings);
        SigningKey? key;
        try
        {
            key = settings.Key is null ? null : KeyFiles.ReadSigningKey(settings.Key);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"acgs: {exception.Message}");
            return Unusable;
        }

        using (key)
        {
            var endpoint = new Uri(settings.Url.TrimEnd('/') + path);
            HttpMessageHandler handler = key is null ? new SocketsHttpHandler() : new SignedReadHandler(key, new SocketsHttpHandler());
            using var client = new HttpClient(handler) { Timeout = RequestTimeout };
            HttpResponseMessage response;
            try
            {
                response = await client.GetAsync(endpoint, token);
            }
            catch (HttpRequestException exception)
            {
                error.WriteLine($"acgs: cannot reach {endpoint}: {exception.Message}");
                return Unusable;
            }
            catch (TaskCanceledException) when (!token.IsCancellationRequested)
            {
                error.WriteLine($"acgs: {endpoint} did not answer within {RequestTimeout.TotalSeconds:0} s");
                return Unusable;
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(token);
                var mediaType = response.Content.Headers.ContentType?.MediaType;
                if (response.IsSuccessStatusCode && mediaType == "application/json" && LedgerAnswer.TryParse(body) is not null)
                {
                    output.WriteLine(body);
                    return Read;
                }
                if (mediaType == "application/problem+json" && LedgerAnswer.TryParse(body) is { } problem)
                {
                    LedgerAnswer.WriteProblem(error, "the ledger refused the read", response.StatusCode, problem);
                    return Refused;
                }
                error.WriteLine($"acgs: {endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase} without a ledger answer or problem document; is --url the ledger's API?");
                return Unusable;
            }
        }
    }
}

// The ledger's JSON answers and RFC 9457 problems, as every command reports them.
internal static class LedgerAnswer
{
    public static JsonElement? TryParse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static void WriteProblem(TextWriter error, string what, System.Net.HttpStatusCode status, JsonElement problem)
    {
        error.WriteLine($"acgs: {what} ({(int)status} {status})");
        foreach (var member in new[] { "type", "title", "detail" })
        {
            if (problem.TryGetProperty(member, out var value))
            {
                error.WriteLine($"{member + ":",-8}{value}");
            }
        }
    }
}
