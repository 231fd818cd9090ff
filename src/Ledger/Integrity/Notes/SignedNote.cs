using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Acgs.Ledger.Integrity.Notes;

// C2SP signed-note (https://c2sp.org/signed-note): a UTF-8 text ending in a newline, a blank line, then one
// or more signature lines "— <key name> <base64(key ID ‖ signature)>\n". Signatures cover the text only,
// final newline included. The text may hold blank lines: the last one in the note is the separator.
public sealed class SignedNote
{
    private readonly byte[] text;

    private SignedNote(byte[] text, IReadOnlyList<NoteSignature> signatures)
    {
        this.text = text;
        Text = Encoding.UTF8.GetString(text);
        Signatures = signatures;
    }

    public string Text { get; }

    public IReadOnlyList<NoteSignature> Signatures { get; }

    public static SignedNote Sign(string text, params IReadOnlyList<NoteSigner> signers)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(signers);
        if (!text.EndsWith('\n') || !NoteFormat.TryEncode(text, out var utf8) || !NoteFormat.IsValidText(utf8))
        {
            throw new ArgumentException("A note text is UTF-8 ending in a newline, without other control characters.", nameof(text));
        }

        if (signers.Count is 0 or > NoteFormat.MaxSignatures)
        {
            throw new ArgumentException($"A note has 1 to {NoteFormat.MaxSignatures} signatures.", nameof(signers));
        }

        return new SignedNote(utf8, [.. signers.Select(signer => signer.Sign(utf8))]);
    }

    public static SignedNote Parse(ReadOnlySpan<byte> message) =>
        TryParse(message, out var note, out var error) ? note : throw new FormatException(error);

    public static bool TryParse(ReadOnlySpan<byte> message, [NotNullWhen(true)] out SignedNote? note) =>
        TryParse(message, out note, out _);

    // Every signature line is checked: one from a trusted key that fails makes the note invalid, even
    // beside a good one, and a trusted key's repeated line is checked again rather than skipped.
    public NoteVerification Verify(IEnumerable<NoteVerifierKey> trustedKeys)
    {
        ArgumentNullException.ThrowIfNull(trustedKeys);
        var keys = trustedKeys.DistinctBy(key => key.ToString()).ToList();
        var verifiedBy = new List<NoteVerifierKey>();
        var failedBy = new List<NoteVerifierKey>();
        var unknown = new List<NoteSignature>();
        foreach (var signature in Signatures)
        {
            var named = keys.Where(key => key.KeyId == signature.KeyId && string.Equals(key.Name, signature.KeyName, StringComparison.Ordinal)).ToList();
            if (named.Count == 0)
            {
                unknown.Add(signature);
                continue;
            }

            foreach (var key in named)
            {
                var outcome = key.Verify(text, signature.Signature) ? verifiedBy : failedBy;
                if (!outcome.Contains(key))
                {
                    outcome.Add(key);
                }
            }
        }

        return new NoteVerification(verifiedBy, failedBy, unknown);
    }

    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(ToString());

    public override string ToString()
    {
        var note = new StringBuilder(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            note.Append(signature).Append('\n');
        }

        return note.ToString();
    }

    private static bool TryParse(
        ReadOnlySpan<byte> message,
        [NotNullWhen(true)] out SignedNote? note,
        [NotNullWhen(false)] out string? error)
    {
        note = null;
        if (!NoteFormat.IsValidText(message))
        {
            error = "A note must be UTF-8 without control characters other than newline.";
            return false;
        }

        var separator = message.LastIndexOf("\n\n"u8);
        if (separator < 0)
        {
            error = "A note must have a text, a blank line and signature lines.";
            return false;
        }

        var noteText = message[..(separator + 1)];
        var block = message[(separator + 2)..];
        if (block.IsEmpty || block[^1] != (byte)'\n')
        {
            error = "A note's signature lines must follow its blank line and end with a newline.";
            return false;
        }

        var signatures = new List<NoteSignature>();
        while (!block.IsEmpty)
        {
            if (signatures.Count == NoteFormat.MaxSignatures)
            {
                error = $"A note may carry at most {NoteFormat.MaxSignatures} signatures.";
                return false;
            }

            var end = block.IndexOf((byte)'\n');
            if (!NoteSignature.TryParseLine(block[..end], out var signature))
            {
                error = $"Signature line {signatures.Count + 1} is not \"— <key name> <base64 key ID and signature>\".";
                return false;
            }

            signatures.Add(signature);
            block = block[(end + 1)..];
        }

        note = new SignedNote(noteText.ToArray(), signatures);
        error = null;
        return true;
    }
}
