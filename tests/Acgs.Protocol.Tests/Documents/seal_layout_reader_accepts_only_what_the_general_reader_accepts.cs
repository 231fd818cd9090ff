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
    private static readonly byte[] Punctuation = "\"\\{}:,-+/=0123456789abcdefABCDEF .eZT"u8.ToArray();

    // Bytes a change may bring in: the layout's own punctuation and digits, and what it must refuse.
    private static readonly Gen<byte> Bytes = Gen.OneOf(Gen.Byte, Gen.Int[0, Punctuation.Length - 1].Select(index => Punctuation[index]));

    private static readonly Gen<byte[]> Changed =
        SealGenerators.Seals.Select(seal => Encoding.UTF8.GetBytes(seal.ToHeaderText()))
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
        SealGenerators.Seals.Sample(seal =>
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
