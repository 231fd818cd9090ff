using System.Text;
using System.Text.Json;
using Acgs.Ledger.Integrity;
using CsCheck;

namespace Acgs.Protocol.Tests.Documents;

/// <summary>
/// EventSealInput writes the hashed object and the header text directly, in their canonical member
/// order; both must equal the generic canonicaliser's output (serialise, parse, sort) byte for byte,
/// and odd values must take the generic path with its outcome.
/// </summary>
public class seal_text_is_written_as_the_generic_canonical_form
{
    private static byte[] GenericHashInput(EventSealInput input) => DomainTags.Prefix(DomainTags.Event, CanonicalJson.Serialize(input));

    private static string GenericHeaderText(EventSeal seal)
    {
        var sealObject = JsonSerializer.SerializeToNode(seal.Input, LedgerJson.Options)!.AsObject();
        sealObject.Add("hash", seal.Hash);
        return Encoding.UTF8.GetString(CanonicalJson.Serialize(sealObject));
    }

    private static void SameOutcome<T>(Func<T> direct, Func<T> generic)
    {
        T? directValue = default;
        T? genericValue = default;
        var directError = Record.Exception(() => directValue = direct());
        var genericError = Record.Exception(() => genericValue = generic());
        directError?.GetType().ShouldBe(genericError?.GetType());
        directValue.ShouldBe(genericValue);
    }

    [Fact]
    public void for_generated_seals()
    {
        SealGenerators.Seals.Sample(seal =>
        {
            SameOutcome(seal.Input.HashInput, () => GenericHashInput(seal.Input));
            SameOutcome(seal.ToHeaderText, () => GenericHeaderText(seal));
        }, iter: 5_000, print: seal => seal.ToString());
    }

    [Fact]
    public void and_odd_members_take_the_generic_path_with_its_outcome()
    {
        var seal = Example.Seal();
        foreach (var odd in new[]
                 {
                     seal with { Input = seal.Input with { RecordedAt = seal.Input.RecordedAt.AddTicks(1) } },
                     seal with { Input = seal.Input with { Prev = "lone \ud800 surrogate" } },
                     seal with { Input = seal.Input with { Signature = "quote \" and \\ backslash" } },
                     seal with { Input = seal.Input with { Version = long.MaxValue, ActorVersion = long.MinValue } },
                     seal with { Hash = "a hash with \u00e9" },
                 })
        {
            SameOutcome(odd.Input.HashInput, () => GenericHashInput(odd.Input));
            SameOutcome(odd.ToHeaderText, () => GenericHeaderText(odd));
        }
    }
}
