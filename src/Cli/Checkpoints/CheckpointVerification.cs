using System.Diagnostics.CodeAnalysis;
using Acgs.Ledger.Integrity.Notes;

namespace Acgs.Cli.Checkpoints;

// `acgs checkpoint verify`: checks any C2SP signed-note checkpoint, ours or another log's, against one
// trusted verifier key. Kept free of the console so that it can be tested without a process.
internal static class CheckpointVerification
{
    public const int Verified = 0;
    public const int Invalid = 1;
    public const int Unusable = 2;

    public static int Run(string checkpointFile, string? verifierKey, string? expectedOrigin, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(checkpointFile);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        if (string.IsNullOrEmpty(verifierKey))
        {
            error.WriteLine("--vkey is required: a verifier key <name>+<key ID>+<base64 key>, or a file that holds one.");
            return Unusable;
        }

        if (!TryResolveKey(verifierKey, out var key, out var keyProblem))
        {
            error.WriteLine(keyProblem);
            return Unusable;
        }

        byte[] message;
        try
        {
            message = File.ReadAllBytes(checkpointFile);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Cannot read {checkpointFile}: {exception.Message}");
            return Unusable;
        }

        SignedNote note;
        try
        {
            note = SignedNote.Parse(message);
        }
        catch (FormatException exception)
        {
            error.WriteLine($"{checkpointFile} is not a signed note: {exception.Message}");
            return Unusable;
        }

        var verification = note.Verify([key]);
        if (!verification.IsValid)
        {
            error.WriteLine(verification.FailedBy.Count > 0
                ? $"INVALID: the signature by {key.Name}+{key.KeyId:x8} does not verify."
                : $"INVALID: the note carries no signature by {key.Name}+{key.KeyId:x8}.");
            return Invalid;
        }

        // Only a verified text is read (C2SP signed-note: the text is ignored until then).
        if (!Checkpoint.TryParse(note.Text, out var checkpoint))
        {
            error.WriteLine($"{checkpointFile} is signed by {key.Name} but its text is not a checkpoint (origin, tree size, root hash).");
            return Unusable;
        }

        if (expectedOrigin is not null && !string.Equals(checkpoint.Origin, expectedOrigin, StringComparison.Ordinal))
        {
            error.WriteLine($"INVALID: the checkpoint's origin is \"{checkpoint.Origin}\", not \"{expectedOrigin}\".");
            return Invalid;
        }

        output.WriteLine($"verified: signed by {key.Name}+{key.KeyId:x8}");
        output.WriteLine($"origin: {checkpoint.Origin}");
        output.WriteLine($"tree size: {checkpoint.TreeSize}");
        output.WriteLine($"root hash: {Convert.ToBase64String(checkpoint.RootHash.AsSpan())}");
        output.WriteLine($"root hash (hex): {checkpoint.RootHash.ToHex()}");
        return Verified;
    }

    // A key string is taken as such first, so a key is never mistaken for a path; otherwise it names a file.
    private static bool TryResolveKey(string verifierKey, [NotNullWhen(true)] out NoteVerifierKey? key, out string problem)
    {
        problem = string.Empty;
        if (NoteVerifierKey.TryParse(verifierKey, out key))
        {
            return true;
        }

        if (!File.Exists(verifierKey))
        {
            problem = $"--vkey \"{verifierKey}\" is neither a verifier key <name>+<key ID>+<base64 key> nor a readable file.";
            return false;
        }

        string contents;
        try
        {
            contents = File.ReadAllText(verifierKey);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problem = $"Cannot read the verifier key file {verifierKey}: {exception.Message}";
            return false;
        }

        try
        {
            key = NoteVerifierKey.Parse(contents.Trim());
            return true;
        }
        catch (FormatException exception)
        {
            problem = $"The verifier key file {verifierKey} holds no valid key: {exception.Message}";
            return false;
        }
    }
}
