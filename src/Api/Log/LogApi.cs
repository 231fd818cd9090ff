using System.Globalization;
using System.Text.Json;
using Acgs.Api.Infrastructure;
using Acgs.Api.OpenApi;
using Acgs.Api.Reads;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Integrity.Merkle;
using Acgs.Ledger.Sealing;
using Acgs.Ledger.Sealing.Log;

namespace Acgs.Api.Log;

// The transparency log's reads (DESIGN §4.4, §6): checkpoints as C2SP signed notes, RFC 9162 proofs and
// the ledger's verifier key, always public; sealed events by hash, which are ledger data and so
// signed reads unless the ledger runs in transparency mode.
public static class LogApi
{
    private const string NoteContentType = "text/plain; charset=utf-8";

    // The sealed event GET /v1/events/{hash} answers: its place in the log, its seal (the acgs.seal
    // header: the hashed seal object plus its hash) and its payload, both as stored.
    public sealed record SealedEventAnswer(long LeafIndex, string EventHash, Guid StreamId, long Version, string Type, JsonElement Seal, JsonElement Payload);

    public static IEndpointRouteBuilder MapLogApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/.well-known/acgs/ledger-key", (LedgerAuthority ledger) =>
        {
            using var signer = ledger.LedgerKey.AsNoteSigner(ledger.Origin);
            return Results.Text(signer.VerifierKey + "\n", NoteContentType);
        }).WithTags("Log").WithName("GetLedgerKey")
            .WithSummary("The ledger's checkpoint verifier key")
            .WithDescription("A C2SP signed-note verifier key, `name+keyid+base64(0x01 ‖ public key)`, followed by a line feed. Always public.")
            .Produces<string>(StatusCodes.Status200OK, NoteContentType);

        var checkpoints = endpoints.MapGroup("/v1/checkpoints").WithTags("Log");
        checkpoints.MapGet("/latest", async (LogReader log, CancellationToken token) =>
            await log.LatestCheckpointAsync(token) is { } latest
                ? Results.Text(latest.Note, NoteContentType)
                : NotFound("no checkpoint has been signed yet"))
            .WithName("GetLatestCheckpoint").WithSummary("The latest signed checkpoint")
            .WithDescription("A C2SP tlog-checkpoint in a C2SP signed note (origin, tree size, base64 root, signature lines). Always public.")
            .Produces<string>(StatusCodes.Status200OK, NoteContentType)
            .ProducesProblems(ProblemTypes.NotFound);
        checkpoints.MapGet("/{size}", async (string size, LogReader log, CancellationToken token) =>
        {
            if (!TryParseSize(size, out var treeSize) || treeSize == 0)
            {
                return BadRequest($"size {size} is not a tree size (a positive integer)");
            }
            return await log.CheckpointAtAsync(treeSize, token) is { } checkpoint
                ? Results.Text(checkpoint.Note, NoteContentType)
                : NotFound($"no checkpoint at tree size {treeSize}");
        }).WithName("GetCheckpoint").WithSummary("The checkpoint signed at a tree size")
            .WithDescription("The signed note of the checkpoint whose tree size is `size` (a positive integer). Always public.")
            .Produces<string>(StatusCodes.Status200OK, NoteContentType)
            .ProducesProblems(ProblemTypes.InvalidProofRequest, ProblemTypes.NotFound);

        var proofs = endpoints.MapGroup("/v1/proofs").WithTags("Log");
        proofs.MapGet("/inclusion", InclusionAsync)
            .WithName("ProveInclusion").WithSummary("An RFC 9162 inclusion proof")
            .WithDescription("Proves that leaf `leaf` (or the sealed event `eventHash`) is in the tree of `treeSize` leaves (default: the latest checkpoint's). Always public.")
            .Produces<InclusionProof>()
            .ProducesProblems(ProblemTypes.InvalidProofRequest, ProblemTypes.NotFound);
        proofs.MapGet("/consistency", ConsistencyAsync)
            .WithName("ProveConsistency").WithSummary("An RFC 9162 consistency proof")
            .WithDescription("Proves that the tree of `from` leaves is a prefix of the tree of `to` leaves, 1 ≤ from ≤ to ≤ the latest checkpoint's size. Always public.")
            .Produces<ConsistencyProof>()
            .ProducesProblems(ProblemTypes.InvalidProofRequest, ProblemTypes.NotFound);

        endpoints.MapGet("/v1/events/{hash}", async (string hash, LogReader log, CancellationToken token) =>
        {
            if (!Sha256Hex.IsWellFormed(hash))
            {
                return BadRequest("an event hash is 64 lowercase hex characters");
            }
            if (await log.EventByHashAsync(hash, token) is not { } sealedEvent)
            {
                return NotFound($"no sealed event {hash} (it may not be sealed into the log yet)");
            }
            using var seal = JsonDocument.Parse(sealedEvent.Seal);
            using var payload = JsonDocument.Parse(sealedEvent.Data);
            return Results.Json(new SealedEventAnswer(sealedEvent.LeafIndex, sealedEvent.EventHash, sealedEvent.StreamId,
                sealedEvent.Version, sealedEvent.Type, seal.RootElement.Clone(), payload.RootElement.Clone()), LedgerJson.Options);
        }).WithTags("Log").WithName("GetEvent").WithSummary("A sealed event by its hash")
            .WithDescription("The event whose seal hash is `hash` (64 lowercase hex), once sealed into the log: where a write's Location points.")
            .Produces<SealedEventAnswer>()
            .ProducesProblems(ProblemTypes.InvalidProofRequest, ProblemTypes.NotFound)
            .RequireSignedRead();
        return endpoints;
    }

    private static async Task<IResult> InclusionAsync(string? leaf, string? treeSize, string? eventHash, LogReader log, CancellationToken token)
    {
        var latest = await log.LatestCheckpointAsync(token);
        if (latest is null)
        {
            return NotFound("no checkpoint has been signed yet");
        }
        var size = latest.TreeSize;
        if (treeSize is not null && (!TryParseSize(treeSize, out size) || size == 0 || size > latest.TreeSize))
        {
            return BadRequest($"treeSize must be an integer from 1 to the latest checkpoint's {latest.TreeSize}");
        }

        long leafIndex;
        if (eventHash is not null)
        {
            if (leaf is not null || !Sha256Hex.IsWellFormed(eventHash))
            {
                return BadRequest("give either leaf or eventHash (64 lowercase hex characters), not both");
            }
            if (await log.LeafIndexOfAsync(eventHash, token) is not { } found)
            {
                return NotFound($"no sealed event {eventHash} (it may not be sealed into the log yet)");
            }
            leafIndex = found;
        }
        else if (leaf is null || !TryParseSize(leaf, out leafIndex))
        {
            return BadRequest("leaf must be a non-negative integer (or give eventHash)");
        }
        if (leafIndex >= size)
        {
            return BadRequest($"leaf {leafIndex} is not in a tree of size {size}");
        }
        var proof = await log.ProveInclusionAsync(leafIndex, size, token);
        return Results.Json(proof, LedgerJson.Options);
    }

    private static async Task<IResult> ConsistencyAsync(string? from, string? to, LogReader log, CancellationToken token)
    {
        var latest = await log.LatestCheckpointAsync(token);
        if (latest is null)
        {
            return NotFound("no checkpoint has been signed yet");
        }
        if (!TryParseSize(from, out var first) || !TryParseSize(to, out var second) || first == 0 || first > second || second > latest.TreeSize)
        {
            return BadRequest($"from and to must be integers with 1 ≤ from ≤ to ≤ {latest.TreeSize} (the latest checkpoint)");
        }
        var proof = await log.ProveConsistencyAsync(first, second, token);
        return Results.Json(proof, LedgerJson.Options);
    }

    // Digits only, no sign or white space, within a tree size the log can reach.
    private static bool TryParseSize(string? text, out long value)
    {
        value = 0;
        return text is { Length: > 0 and <= 18 } && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static IResult BadRequest(string detail) =>
        Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidProofRequest, "Invalid request", detail);

    private static IResult NotFound(string detail) =>
        Problems.Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found", detail);
}
