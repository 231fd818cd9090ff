using Acgs.Cli.Http;
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
            using var client = LedgerHttp.Client(key is null ? null : new SignedReadHandler(key, new SocketsHttpHandler()));
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(settings.Url.TrimEnd('/') + path));
            using var response = await LedgerHttp.SendAsync(client, request, error, token);
            if (response is null)
            {
                return Unusable;
            }
            var answer = await LedgerHttp.ReadObjectAsync(response, token);
            if (response.IsSuccessStatusCode && !LedgerHttp.IsProblem(response) && answer is { } read)
            {
                output.WriteLine(read.GetRawText());
                return Read;
            }
            if (LedgerHttp.IsProblem(response) && answer is { } problem)
            {
                LedgerHttp.WriteProblem(error, "the ledger refused the read", response.StatusCode, problem);
                return Refused;
            }
            LedgerHttp.WriteNotTheLedger(error, response);
            return Unusable;
        }
    }
}
