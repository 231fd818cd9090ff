using System.Text.Json;
using Acgs.Cli.Actors;
using Acgs.Cli.Http;
using Acgs.Cli.Reads;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;

namespace Acgs.Cli.Demo;

// One of the actors the demo plays, with the key it signs with.
internal sealed record DemoActor(string Name, string KeyName, Guid ActorId, IReadOnlyList<Role> Roles, SigningKey Key);

// What the ledger answered for a sealed act.
internal sealed record DemoReceipt(string EventHash, long Version, DateTimeOffset RecordedAt);

// The demo stops at the first act or read that fails, once the reason is on the error stream, with
// the exit code the other commands give for it.
internal sealed class DemoStopped(int exitCode) : Exception("the demo stopped")
{
    public int ExitCode { get; } = exitCode;
}

// The demo's only way to the ledger: its public HTTP API, with acts signed by the actor who performs
// them (DESIGN §4.2) and reads signed as the reader (PROTOCOL.md §10), exactly as any client would.
internal sealed class DemoLedger(string url, Guid ledgerId, TextWriter error) : IDisposable
{
    // The System actor decides from a durable queue and the sealer logs within a second or so; a
    // minute without the derived event means something is wrong with the ledger.
    private static readonly TimeSpan SystemWait = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly HttpClient writes = LedgerHttp.Client();
    private readonly Dictionary<Guid, LedgerReadSession> readers = [];

    public int ActsSealed { get; private set; }

    public async Task<DemoReceipt> WriteAsync(DemoActor signer, string path, string type, Guid streamId, long expectedVersion,
        Func<DateTimeOffset, object> payload, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(payload);
        var submittedAt = LedgerTimestamp.Truncate(DateTimeOffset.UtcNow);
        var act = new ActorAct(path, type, streamId, expectedVersion, signer.ActorId, payload(submittedAt));
        var submitted = await ActSubmitter.PostAsync(writes, url, act, ActSubmitter.Sign(act, ledgerId, signer.Key, submittedAt), error, token);
        if (submitted.ExitCode != ActSubmitter.Sealed)
        {
            error.WriteLine($"acgs: demo: {signer.Name} could not {type} on stream {streamId:D}");
            throw new DemoStopped(submitted.ExitCode);
        }
        ActsSealed++;
        return Receipt(submitted.Answer);
    }

    public Task<DemoReceipt> WriteAsync(DemoActor signer, string path, string type, Guid streamId, long expectedVersion, object payload,
        CancellationToken token) =>
        WriteAsync(signer, path, type, streamId, expectedVersion, _ => payload, token);

    public async Task<JsonElement> ReadAsync(DemoActor reader, string pathAndQuery, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!readers.TryGetValue(reader.ActorId, out var session))
        {
            session = new LedgerReadSession(url, reader.Key, error, ownsKey: false);
            readers[reader.ActorId] = session;
        }
        var answer = await session.GetAsync(pathAndQuery, token);
        return answer.ExitCode == LedgerReader.Read ? answer.Json : throw new DemoStopped(answer.ExitCode);
    }

    // The events of one stream in the audit trail (sealed, in leaf order), first page.
    public async Task<IReadOnlyList<JsonElement>> AuditAsync(DemoActor reader, string query, CancellationToken token)
    {
        var page = await ReadAsync(reader, "/v1/audit/events?" + query, token);
        return page.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            ? [.. items.EnumerateArray()]
            : throw Unreadable("/v1/audit/events answered without items");
    }

    // Waits until the event the System actor derives (a ratification, a rejection, a supersession)
    // is sealed in the stream's audit trail.
    public async Task<JsonElement> AwaitSystemActAsync(DemoActor reader, Guid streamId, string type, CancellationToken token)
    {
        var giveUp = DateTimeOffset.UtcNow + SystemWait;
        while (true)
        {
            var found = await AuditAsync(reader, $"stream={streamId:D}&type={type}", token);
            if (found.Count > 0)
            {
                return found[0];
            }
            if (DateTimeOffset.UtcNow > giveUp)
            {
                error.WriteLine($"acgs: demo: no {type} in stream {streamId:D} after {SystemWait.TotalSeconds:0} s; are the ledger's System actor and sealer running?");
                throw new DemoStopped(LedgerReader.Refused);
            }
            await Task.Delay(PollInterval, token);
        }
    }

    public void Dispose()
    {
        writes.Dispose();
        foreach (var session in readers.Values)
        {
            session.Dispose();
        }
    }

    private DemoReceipt Receipt(JsonElement answer)
    {
        if (answer.TryGetProperty("eventHash", out var hash) && hash.GetString() is { } eventHash
            && answer.TryGetProperty("version", out var version) && version.TryGetInt64(out var streamVersion)
            && answer.TryGetProperty("recordedAt", out var recorded) && LedgerTimestamp.TryParse(recorded.GetString(), out var recordedAt))
        {
            return new DemoReceipt(eventHash, streamVersion, recordedAt);
        }
        throw Unreadable("a write answered without eventHash, version and recordedAt");
    }

    private DemoStopped Unreadable(string what)
    {
        error.WriteLine($"acgs: demo: {url}: {what}; is --url the ledger's API?");
        return new DemoStopped(LedgerReader.Unusable);
    }
}
