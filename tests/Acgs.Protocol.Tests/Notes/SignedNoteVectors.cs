using System.Text.Json;

namespace Acgs.Protocol.Tests.Notes;

// Vectors/c2sp-signed-note (see its SOURCE.txt): golang.org/x/mod sumdb/note, C2SP and transparency-dev/formats,
// copied to the output folder so that a clone needs nothing outside the repository.
internal static class SignedNoteVectors
{
    public static JsonElement Json { get; } = JsonDocument.Parse(File.ReadAllBytes(PathOf("signed-note-vectors.json"))).RootElement;

    public static string PeterNeumannVerifierKey => Json.GetProperty("verifier_keys")[0].GetProperty("vkey").GetString()!;

    public static string PeterNeumannText => Json.GetProperty("signed_notes")[0].GetProperty("text").GetString()!;

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Vectors", "c2sp-signed-note", file);

    public static byte[] Note(string file) => File.ReadAllBytes(PathOf(file));
}
