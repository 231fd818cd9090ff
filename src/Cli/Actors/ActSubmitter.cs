using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Acgs.Cli.Genesis;
using Acgs.Cli.Http;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Cli.Actors;

// What every `acgs actor …` command shares: find the ledger id, read the signer's key, sign the act
// (DESIGN §4.2), post it, and report the ledger's answer on the output or its problem on the error
// stream. Exit codes: 0 the event was sealed (201, also for a retry the ledger recognised); 1 the
// ledger refused it with an RFC 9457 problem; 2 nothing could be submitted or no ledger answered
// (arguments, key or genesis files, an unreachable server, an answer that is not the ledger's).
internal sealed class ActSubmitter(TextWriter output, TextWriter error)
{
    public const int Sealed = 0;
    public const int Refused = 1;
    public const int Unusable = 2;

    public Task<int> SubmitAsync(LedgerWriteSettings settings, Func<Guid, ActorAct> describe, CancellationToken token) =>
        SubmitAsync(settings, (ledgerId, _) => describe(ledgerId), token);

    // For acts whose payload depends on the moment they are signed (an amendment's deadline).
    public async Task<int> SubmitAsync(LedgerWriteSettings settings, Func<Guid, DateTimeOffset, ActorAct> describe, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(describe);
        ActorAct act;
        byte[] body;
        try
        {
            var ledgerId = settings.LedgerId ?? GenesisFile.ReadLedgerId(settings.Genesis!);
            using var signer = KeyFiles.ReadSigningKey(settings.Key);
            var submittedAt = LedgerTimestamp.Truncate(DateTimeOffset.UtcNow);
            act = describe(ledgerId, submittedAt);
            body = Sign(act, ledgerId, signer, submittedAt);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"acgs: {exception.Message}");
            return Unusable;
        }

        using var client = LedgerHttp.Client();
        var submitted = await PostAsync(client, settings.Url, act, body, error, token);
        if (submitted.ExitCode == Sealed)
        {
            WriteAnswer(act, submitted.Answer, submitted.Replayed);
        }
        return submitted.ExitCode;
    }

    // The signed request's bytes (DESIGN §4.2).
    public static byte[] Sign(ActorAct act, Guid ledgerId, SigningKey signer, DateTimeOffset submittedAt)
    {
        ArgumentNullException.ThrowIfNull(act);
        return SignedRequestFactory.ToJson(SignedRequestFactory.Sign(act.Payload, act.Type, ledgerId, act.SignerId, signer,
            act.StreamId, act.ExpectedVersion, submittedAt));
    }

    // Posts a signed act: the ledger's answer when it was sealed, else the exit code once the
    // ledger's problem, or why no ledger answered, is on the error stream.
    public static async Task<Submitted> PostAsync(HttpClient client, string url, ActorAct act, byte[] body, TextWriter error, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(act);
        ArgumentNullException.ThrowIfNull(error);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url.TrimEnd('/') + act.Path))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        using var response = await LedgerHttp.SendAsync(client, request, error, token);
        if (response is null)
        {
            return new Submitted(Unusable, default, false);
        }
        var answer = await LedgerHttp.ReadObjectAsync(response, token);
        if (response.StatusCode == HttpStatusCode.Created && answer is { } sealedEvent)
        {
            return new Submitted(Sealed, sealedEvent, response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Contains("true"));
        }
        if (LedgerHttp.IsProblem(response) && answer is { } problem)
        {
            LedgerHttp.WriteProblem(error, $"the ledger refused the act ({act.Type})", response.StatusCode, problem);
            return new Submitted(Refused, default, false);
        }
        LedgerHttp.WriteNotTheLedger(error, response);
        return new Submitted(Unusable, default, false);
    }

    private void WriteAnswer(ActorAct act, JsonElement answer, bool replayed)
    {
        if (act.Note is { } note)
        {
            output.WriteLine(note);
        }
        foreach (var member in new[] { "eventHash", "streamId", "version", "recordedAt", "receipt", "proof" })
        {
            if (answer.TryGetProperty(member, out var value))
            {
                output.WriteLine($"{member + ":",-12}{value}");
            }
        }
        if (replayed)
        {
            // The ledger had already sealed this very submission; this is its stored answer.
            output.WriteLine($"{"replayed:",-12}true");
        }
    }
}

// What a post of a signed act came to: the exit code, and the ledger's answer when it was sealed.
internal readonly record struct Submitted(int ExitCode, JsonElement Answer, bool Replayed);
