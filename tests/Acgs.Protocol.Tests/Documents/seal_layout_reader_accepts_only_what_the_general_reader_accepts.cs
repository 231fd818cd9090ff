using System.Text;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity;
using CsCheck;

namespace Acgs.Protocol.Tests.Documents;

/// <summary>
/// EventSeal.TryReadLayout reads the seal's fixed canonical layout byte by byte; the general reader
/// parses any JSON, reads it typed and compares its canonical form. Whatever the layout reader
/// accepts, the general reader must accept with the same seal, so a stored seal can never mean one
/// thing to the verifier and another to the rest of the ledger.
/// </summary>
public class seal_layout_reader_accepts_only_what_the_general_reader_accepts
{
    private static readonly Gen<string> Hex64 = Gen.Char["0123456789abcdef"].Array[64].Select(chars => new string(chars));

    private static readonly Gen<KeyId> KeyIds =
        Gen.Char["0123456789abcdef"].Array[16].Select(chars => KeyId.TryParse(new string(chars), out var keyId) ? keyId : throw new InvalidOperationException());

    private static readonly Gen<long> Versions = Gen.OneOf(
        Gen.Long[0, 1000],
        Gen.Long[0, StrictJson.MaxSafeInteger],
        Gen.Long[-1000, -1],
        Gen.OneOf(Gen.Const(0L), Gen.Const(1L), Gen.Const(9L), Gen.Const(10L), Gen.Const(StrictJson.MaxSafeInteger),
            Gen.Const(StrictJson.MaxSafeInteger + 1), Gen.Const(999_999_999_999_999L)));

    private static readonly Gen<DateTimeOffset> Timestamps =
        Gen.Long[new DateTime(1, 1, 1).Ticks / TimeSpan.TicksPerMillisecond, new DateTime(9999, 12, 31).Ticks / TimeSpan.TicksPerMillisecond]
            .Select(milliseconds => new DateTimeOffset(milliseconds * TimeSpan.TicksPerMillisecond, TimeSpan.Zero));

    private static readonly Gen<string> Types = Gen.OneOf(
        Gen.OneOf(Gen.Const("AmendmentProposed"), Gen.Const("audit_note"), Gen.Const("a"), Gen.Const("")),
        Gen.Char[' ', '~'].Array[0, 20].Select(chars => new string(chars)),
        Gen.OneOf(Gen.Char['\u0000', '\u001f'], Gen.Char['\u007f', '\u00ff'], Gen.Char['\u0100', '\uffff']).Array[1, 4]
            .Select(Gen.Char['a', 'z'].Array[0, 4], (odd, plain) => new string(plain) + new string(odd)));

    private static readonly Gen<string> Signatures = Gen.Byte.Array[64].Select(Convert.ToBase64String);

    private static readonly Gen<EventSeal> Seals =
        Gen.Select(Gen.Guid, Gen.Guid, Gen.Guid, KeyIds, Timestamps, Types, Versions, Hex64)
            .Select(Gen.Select(Gen.Guid, Versions, Versions, Signatures, Timestamps, Hex64, Hex64), (submission, seal) =>
                new EventSeal(
                    new EventSealInput(submission.Item1, seal.Item1, seal.Item2,
                        new Submission(submission.Item1, submission.Item2, submission.Item3, submission.Item4, submission.Item5, submission.Item6,
                            seal.Item1, submission.Item7, submission.Item8),
                        seal.Item4, seal.Item5, seal.Item3, seal.Item6),
                    seal.Item7));

    private static readonly byte[] Punctuation = "\"\\{}:,-+/=0123456789abcdefABCDEF .eZT"u8.ToArray();

    // Bytes a change may bring in: the layout's own punctuation and digits, and what it must refuse.
    private static readonly Gen<byte> Bytes = Gen.OneOf(Gen.Byte, Gen.Int[0, Punctuation.Length - 1].Select(index => Punctuation[index]));

    private static readonly Gen<byte[]> Changed =
        Seals.Select(seal => Encoding.UTF8.GetBytes(seal.ToHeaderText()))
            .SelectMany(text => Gen.Select(Gen.Int[0, text.Length - 1], Gen.Int[0, 2], Bytes, (position, change, value) => change switch
            {
                0 => (byte[])[.. text[..position], value, .. text[(position + 1)..]],
                1 => [.. text[..position], value, .. text[position..]],
                _ => [.. text[..position], .. text[(position + 1)..]],
            }));

    private static void AgreeOn(byte[] text)
    {
        if (!EventSeal.TryReadLayout(text, out var seal, out var submission))
        {
            return;
        }
        var asString = Encoding.UTF8.GetString(text);
        EventSeal.TryParseGeneral(asString, text, out var general, out var problem).ShouldBeTrue(problem);
        seal.ShouldBe(general);
        text[submission].ShouldBe(CanonicalJson.Serialize(seal.Input.Submission));
    }

    private static bool IsOrdinary(EventSeal seal) =>
        seal.Input.Version >= 1 && seal.Input.ActorVersion >= 0 && seal.Input.Submission.ExpectedVersion >= 0
        && seal.Input.Version <= StrictJson.MaxSafeInteger && seal.Input.ActorVersion <= StrictJson.MaxSafeInteger
        && seal.Input.Submission.ExpectedVersion <= StrictJson.MaxSafeInteger
        && seal.Input.Submission.Type.Length > 0 && seal.Input.Submission.Type.All(c => c is >= ' ' and <= '~' and not '"' and not '\\');

    [Fact]
    public void for_generated_seals()
    {
        Seals.Sample(seal =>
        {
            var text = Encoding.UTF8.GetBytes(seal.ToHeaderText());
            AgreeOn(text);
            EventSeal.TryReadLayout(text, out var read, out _).ShouldBe(IsOrdinary(seal));
            if (read is not null)
            {
                read.ShouldBe(seal);
            }
        }, iter: 5_000, print: seal => seal.ToHeaderText());
    }

    [Fact]
    public void for_seals_changed_by_one_byte()
    {
        Changed.Sample(AgreeOn, iter: 20_000, print: Encoding.UTF8.GetString);
    }

    [Fact]
    public void for_the_example()
    {
        var text = Encoding.UTF8.GetBytes(Example.Seal().ToHeaderText());

        EventSeal.TryReadLayout(text, out var seal, out _).ShouldBeTrue();
        seal.ShouldBe(Example.Seal());
    }
}
