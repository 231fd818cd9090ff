using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Acgs.Ledger.Integrity.Notes;

// One signature line of a note: "— <key name> <base64(4-byte big-endian key ID ‖ signature)>".
public sealed class NoteSignature
{
    private readonly byte[] signature;

    private NoteSignature(string keyName, uint keyId, string base64, byte[] signature)
    {
        KeyName = keyName;
        KeyId = keyId;
        Base64 = base64;
        this.signature = signature;
    }

    public string KeyName { get; }

    public uint KeyId { get; }

    // The line's base64 field exactly as written: key ID and signature together.
    public string Base64 { get; }

    internal ReadOnlySpan<byte> Signature => signature;

    public override string ToString() => $"{NoteFormat.SignaturePrefix}{KeyName} {Base64}";

    internal static NoteSignature Create(string keyName, uint keyId, ReadOnlySpan<byte> signature)
    {
        var encoded = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(encoded, keyId);
        signature.CopyTo(encoded.AsSpan(4));
        return new NoteSignature(keyName, keyId, Convert.ToBase64String(encoded), signature.ToArray());
    }

    // The line without its newline; the note's text rules have already been checked.
    internal static bool TryParseLine(ReadOnlySpan<byte> line, [NotNullWhen(true)] out NoteSignature? parsed)
    {
        parsed = null;
        var text = Encoding.UTF8.GetString(line);
        if (!text.StartsWith(NoteFormat.SignaturePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var fields = text[NoteFormat.SignaturePrefix.Length..];
        var space = fields.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return false;
        }

        var keyName = fields[..space];
        var base64 = fields[(space + 1)..];

        // A key ID and at least one byte of signature.
        if (!NoteFormat.IsValidKeyName(keyName) || !NoteFormat.TryDecodeBase64(base64, out var decoded) || decoded.Length < 5)
        {
            return false;
        }

        parsed = new NoteSignature(keyName, BinaryPrimitives.ReadUInt32BigEndian(decoded), base64, decoded[4..]);
        return true;
    }
}
