using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Acgs.Ledger.Integrity.Merkle;

namespace Acgs.Ledger.Integrity.Notes;

// C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint), the text of a signed note:
//   <origin>\n <tree size in decimal, no leading zeros>\n <base64 of the 32-byte RFC 6962 root>\n <extension lines>\n…
// The origin need not equal the signing key's name (sum.golang.org's is "go.sum database tree").
// Tree sizes above long.MaxValue are refused: no ledger grows that far.
public sealed class Checkpoint : IEquatable<Checkpoint>
{
    public Checkpoint(string origin, long treeSize, MerkleHash rootHash, IEnumerable<string>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        if (!IsValidLine(origin))
        {
            throw new ArgumentException("An origin is one non-empty line without control characters.", nameof(origin));
        }

        List<string> lines = [.. extensions ?? []];
        if (!lines.TrueForAll(IsValidLine))
        {
            throw new ArgumentException("Extension lines are non-empty lines without control characters.", nameof(extensions));
        }

        Origin = origin;
        TreeSize = treeSize;
        RootHash = rootHash;
        Extensions = lines.AsReadOnly();
    }

    public string Origin { get; }

    public long TreeSize { get; }

    public MerkleHash RootHash { get; }

    public IReadOnlyList<string> Extensions { get; }

    public static Checkpoint Parse(string noteText)
    {
        ArgumentNullException.ThrowIfNull(noteText);
        return TryParse(noteText, out var checkpoint, out var error) ? checkpoint : throw new FormatException(error);
    }

    public static bool TryParse([NotNullWhen(true)] string? noteText, [NotNullWhen(true)] out Checkpoint? checkpoint) =>
        TryParse(noteText, out checkpoint, out _);

    public string ToNoteText()
    {
        var text = new StringBuilder()
            .Append(Origin).Append('\n')
            .Append(TreeSize.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Convert.ToBase64String(RootHash.AsSpan())).Append('\n');
        foreach (var extension in Extensions)
        {
            text.Append(extension).Append('\n');
        }

        return text.ToString();
    }

    public override string ToString() => ToNoteText();

    public bool Equals(Checkpoint? other) =>
        other is not null
        && string.Equals(Origin, other.Origin, StringComparison.Ordinal)
        && TreeSize == other.TreeSize
        && RootHash == other.RootHash
        && Extensions.SequenceEqual(other.Extensions, StringComparer.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as Checkpoint);

    public override int GetHashCode() => HashCode.Combine(Origin, TreeSize, RootHash);

    private static bool IsValidLine(string line) =>
        line.Length > 0 && NoteFormat.TryEncode(line, out var utf8) && NoteFormat.IsValidText(utf8) && !line.Contains('\n', StringComparison.Ordinal);

    private static bool TryParse(
        [NotNullWhen(true)] string? noteText,
        [NotNullWhen(true)] out Checkpoint? checkpoint,
        [NotNullWhen(false)] out string? error)
    {
        checkpoint = null;
        if (noteText is null || !noteText.EndsWith('\n'))
        {
            error = "A checkpoint is a note text: lines that end with a newline.";
            return false;
        }

        var lines = noteText[..^1].Split('\n');
        if (lines.Length < 3)
        {
            error = "A checkpoint has an origin, a tree size and a root hash line.";
            return false;
        }

        if (!Array.TrueForAll(lines, IsValidLine))
        {
            error = "Checkpoint lines are non-empty and hold no control characters.";
            return false;
        }

        if (!TryParseTreeSize(lines[1], out var treeSize))
        {
            error = "The tree size is not a decimal number without leading zeros up to 2^63-1.";
            return false;
        }

        if (!NoteFormat.TryDecodeBase64(lines[2], out var root) || !MerkleHash.TryCreate(root, out var rootHash))
        {
            error = "The root hash is not the canonical base64 of 32 bytes.";
            return false;
        }

        checkpoint = new Checkpoint(lines[0], treeSize, rootHash, lines[3..]);
        error = null;
        return true;
    }

    private static bool TryParseTreeSize(string line, out long treeSize)
    {
        treeSize = 0;
        return !line.AsSpan().ContainsAnyExceptInRange('0', '9')
            && (line == "0" || line[0] != '0')
            && long.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out treeSize);
    }
}
