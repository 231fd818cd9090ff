using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Acgs.Ledger.Integrity;

// The seal's canonical text written directly, as Submission writes its signing input: the members
// are fixed, so their RFC 8785 order is known (actorVersion, [hash,] ledgerId, prev, recordedAt,
// signature, streamId, submission, version) and no JSON document is built or sorted. What this
// writes must equal the generic canonicaliser's output byte for byte (a property test compares the
// two over generated seals); values outside the ledger's usual ones take the generic path, which
// keeps its behaviour, errors included.
public sealed partial record EventSealInput
{
    // Tag (14) + members and punctuation (about 800) + room for a longer type name.
    private const int CanonicalCapacity = 1024;

    internal void WriteHashInput(IBufferWriter<byte> destination)
    {
        Submission.Write(destination, DomainTags.Event);
        if (CanWriteDirectly())
        {
            WriteMembers(destination, hash: null);
        }
        else
        {
            CanonicalJson.Serialize(this, destination);
        }
    }

    // The header text: the hashed object with one more member, `hash`, in its sorted place.
    internal string ToHeaderText(string hash)
    {
        if (!CanWriteDirectly() || hash is null || Submission.HasSurrogate(hash))
        {
            var sealObject = JsonSerializer.SerializeToNode(this, LedgerJson.Options)!.AsObject();
            sealObject.Add("hash", hash);
            return Encoding.UTF8.GetString(CanonicalJson.Serialize(sealObject));
        }
        using var buffer = new PooledByteBufferWriter(CanonicalCapacity);
        WriteMembers(buffer, hash);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private bool CanWriteDirectly() =>
        Submission is not null
        && Signature is not null
        && Prev is not null
        && !Submission.HasSurrogate(Signature)
        && !Submission.HasSurrogate(Prev)
        && Version is >= -Submission.MaxDirectVersion / 10 and <= Submission.MaxDirectVersion
        && ActorVersion is >= -Submission.MaxDirectVersion / 10 and <= Submission.MaxDirectVersion
        && RecordedAt.UtcTicks % TimeSpan.TicksPerMillisecond == 0;

    private void WriteMembers(IBufferWriter<byte> destination, string? hash)
    {
        Submission.Write(destination, "{\"actorVersion\":"u8);
        WriteInteger(destination, ActorVersion);
        if (hash is not null)
        {
            Submission.Write(destination, ",\"hash\":"u8);
            CanonicalJson.WriteString(hash, destination);
        }
        Submission.Write(destination, ",\"ledgerId\":"u8);
        Submission.WriteGuid(destination, LedgerId);
        Submission.Write(destination, ",\"prev\":"u8);
        CanonicalJson.WriteString(Prev, destination);
        Submission.Write(destination, ",\"recordedAt\":\""u8);
        Span<byte> timestamp = destination.GetSpan(LedgerTimestamp.Length);
        LedgerTimestamp.FormatUtf8(RecordedAt, timestamp);
        destination.Advance(LedgerTimestamp.Length);
        Submission.Write(destination, "\",\"signature\":"u8);
        CanonicalJson.WriteString(Signature, destination);
        Submission.Write(destination, ",\"streamId\":"u8);
        Submission.WriteGuid(destination, StreamId);
        Submission.Write(destination, ",\"submission\":"u8);
        Submission.WriteCanonical(destination);
        Submission.Write(destination, ",\"version\":"u8);
        WriteInteger(destination, Version);
        Submission.Write(destination, "}"u8);
    }

    private static void WriteInteger(IBufferWriter<byte> destination, long value)
    {
        Span<byte> number = destination.GetSpan(20);
        value.TryFormat(number, out int length, default, CultureInfo.InvariantCulture);
        destination.Advance(length);
    }
}
