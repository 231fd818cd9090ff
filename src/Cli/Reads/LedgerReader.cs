using System.Text.Json;
using Acgs.Cli.Http;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Reads;
using Spectre.Console;

namespace Acgs.Cli.Reads;

// Sends reads, signed with the reader's key when one is given, and reports them. Exit codes: 0 the
// ledger's JSON answer is on the output; 1 the ledger refused with an RFC 9457 problem (on the error
// stream); 2 nothing could be read (key file, unreachable server, an answer that is not the ledger's).
internal sealed class LedgerReader(TextWriter output, TextWriter error)
{
    public const int Read = 0;
    public const int Refused = 1;
    public const int Unusable = 2;

    // Wide enough for an audit row on one line when the output is a file or a pipe, not a terminal.
    private const int UnboundedWidth = 240;

    public TextWriter Output => output;

    public TextWriter Error => error;

    public async Task<int> ReadAsync(LedgerReadSettings settings, string path, CancellationToken token)
    {
        using var session = Open(settings);
        if (session is null)
        {
            return Unusable;
        }
        var answer = await session.GetAsync(path, token);
        if (answer.ExitCode == Read)
        {
            output.WriteLine(answer.Json.GetRawText());
        }
        return answer.ExitCode;
    }

    // A session for several reads with one key; null once the reason the key is unusable is reported.
    public LedgerReadSession? Open(LedgerReadSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            return new LedgerReadSession(settings.Url, settings.Key is null ? null : KeyFiles.ReadSigningKey(settings.Key), error);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"acgs: {exception.Message}");
            return null;
        }
    }

    // The output as a Spectre console: colours only on a terminal, no line width limit elsewhere.
    public IAnsiConsole Console()
    {
        var terminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = UnboundedWidth;
        }
        return console;
    }
}

// One JSON answer of the ledger, or the exit code that says why there is none.
internal readonly record struct ReadAnswer(int ExitCode, JsonElement Json);

// Reads of one ledger with one key, signed anew each time (a fresh nonce per request). The key is
// disposed with the session unless the caller keeps it for other acts.
internal sealed class LedgerReadSession(string baseUrl, SigningKey? key, TextWriter error, bool ownsKey = true) : IDisposable
{
    private readonly HttpClient client = LedgerHttp.Client(key is null ? null : new SignedReadHandler(key, new SocketsHttpHandler()));

    public async Task<ReadAnswer> GetAsync(string pathAndQuery, CancellationToken token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl.TrimEnd('/') + pathAndQuery));
        using var response = await LedgerHttp.SendAsync(client, request, error, token);
        if (response is null)
        {
            return new ReadAnswer(LedgerReader.Unusable, default);
        }
        var answer = await LedgerHttp.ReadObjectAsync(response, token);
        if (response.IsSuccessStatusCode && !LedgerHttp.IsProblem(response) && answer is { } read)
        {
            return new ReadAnswer(LedgerReader.Read, read);
        }
        if (LedgerHttp.IsProblem(response) && answer is { } problem)
        {
            LedgerHttp.WriteProblem(error, "the ledger refused the read", response.StatusCode, problem);
            return new ReadAnswer(LedgerReader.Refused, default);
        }
        LedgerHttp.WriteNotTheLedger(error, response);
        return new ReadAnswer(LedgerReader.Unusable, default);
    }

    public void Dispose()
    {
        client.Dispose();
        if (ownsKey)
        {
            key?.Dispose();
        }
    }
}
