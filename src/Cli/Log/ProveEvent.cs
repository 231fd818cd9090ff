using System.Text;
using System.Text.Json;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Integrity.Merkle;
using Acgs.Ledger.Integrity.Notes;

namespace Acgs.Cli.Log;

// `acgs prove --event HASH`: fetch the event's inclusion proof and the checkpoint of that tree size,
// and verify both here — the signature under the pinned ledger key, and the proof against the
// signed root — so the answer does not depend on trusting the server.
internal static class ProveEvent
{
    public const int Proven = 0;
    public const int NotProven = 1;
    public const int Unusable = 2;

    public static async Task<int> RunAsync(HttpClient client, string eventHash, string? verifierKey, TextWriter output, TextWriter error, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!Sha256Hex.IsWellFormed(eventHash))
        {
            error.WriteLine("--event is an event hash: 64 lowercase hex characters.");
            return Unusable;
        }

        try
        {
            NoteVerifierKey key;
            if (verifierKey is null)
            {
                key = NoteVerifierKey.Parse((await client.GetStringAsync("/.well-known/acgs/ledger-key", token)).Trim());
                error.WriteLine($"warning: verifier key {key.Name}+{key.KeyId:x8} taken from the server; pin it with --vkey.");
            }
            else if (!NoteVerifierKey.TryParse(verifierKey, out key!))
            {
                error.WriteLine("--vkey is not a verifier key <name>+<key ID>+<base64 key>.");
                return Unusable;
            }

            using var proofResponse = await client.GetAsync($"/v1/proofs/inclusion?eventHash={eventHash}", token);
            if (!proofResponse.IsSuccessStatusCode)
            {
                error.WriteLine($"NOT PROVEN: the server answered {(int)proofResponse.StatusCode}: {await proofResponse.Content.ReadAsStringAsync(token)}");
                return NotProven;
            }
            var proof = JsonSerializer.Deserialize<InclusionProof>(await proofResponse.Content.ReadAsStringAsync(token), LedgerJson.Options);
            if (proof is null)
            {
                error.WriteLine("NOT PROVEN: the server sent no proof.");
                return NotProven;
            }

            var noteText = await client.GetStringAsync($"/v1/checkpoints/{proof.TreeSize}", token);
            if (!SignedNote.TryParse(Encoding.UTF8.GetBytes(noteText), out var note) || !note.Verify([key]).IsValid
                || !Checkpoint.TryParse(note.Text, out var checkpoint) || checkpoint.TreeSize != proof.TreeSize)
            {
                error.WriteLine($"NOT PROVEN: the checkpoint at tree size {proof.TreeSize} is not signed by {key.Name}+{key.KeyId:x8}.");
                return NotProven;
            }

            var leafHash = MerkleTreeHasher.HashLeaf(Convert.FromHexString(eventHash));
            var result = MerkleVerifier.VerifyInclusion(leafHash.AsSpan(), proof, checkpoint.RootHash.AsSpan());
            if (result != ProofResult.Valid)
            {
                error.WriteLine($"NOT PROVEN: the inclusion proof does not lead to the signed root ({result}).");
                return NotProven;
            }
            output.WriteLine($"proven: event {eventHash} is leaf {proof.LeafIndex} of the tree of size {proof.TreeSize}");
            output.WriteLine($"checkpoint: {checkpoint.Origin} size {checkpoint.TreeSize} root {checkpoint.RootHash.ToHex()}, signed by {key.Name}+{key.KeyId:x8}");
            return Proven;
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or FormatException or TaskCanceledException)
        {
            error.WriteLine($"cannot prove: {exception.Message}");
            return Unusable;
        }
    }
}
