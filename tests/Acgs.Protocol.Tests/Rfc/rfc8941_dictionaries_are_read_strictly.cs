using Acgs.Ledger.Integrity.HttpSignatures;

namespace Acgs.Protocol.Tests.Rfc;

// The RFC 8941 subset the read signatures use: what it reads, how it writes it back (§4.1, the
// canonical form the signature base repeats), and what it refuses that the RFC would let through.
public class rfc8941_dictionaries_are_read_strictly
{
    [Theory]
    [InlineData("a=1", "a=1")]
    [InlineData("  a=-42 ,\tb=?0,c", "a=-42, b=?0, c")]
    [InlineData("sig=(\"@method\"   \"x\";req);created=1;n=\"q\\\"\\\\\";t=tok/en:1", "sig=(\"@method\" \"x\";req);created=1;n=\"q\\\"\\\\\";t=tok/en:1")]
    [InlineData("s=:AAEC:;p=?1, e=()", "s=:AAEC:;p, e=()")]
    [InlineData("*k.e_y-1=*tok", "*k.e_y-1=*tok")]
    public void a_dictionary_is_read_and_written_back_canonically(string field, string canonical)
    {
        StructuredFields.TryParseDictionary(field, out var dictionary, out var error).ShouldBeTrue(error);

        StructuredFields.Serialize(dictionary).ShouldBe(canonical);
    }

    [Theory]
    [InlineData("a=1, a=2")]
    [InlineData("a=1;p=1;p=2")]
    [InlineData("a=1.5")]
    [InlineData("a=:AAE:")]
    [InlineData("a=:AAF=:")]
    [InlineData("a=1,")]
    [InlineData("a=1 b=2")]
    [InlineData("A=1")]
    [InlineData("a=\"\\t\"")]
    [InlineData("a=\"open")]
    [InlineData("a=(1 2")]
    [InlineData("a=(1\t2)")]
    [InlineData("a=?")]
    [InlineData("a=")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a=1234567890123456")]
    [InlineData("a=@x")]
    public void anything_outside_the_subset_is_refused(string field)
    {
        StructuredFields.TryParseDictionary(field, out var dictionary, out var error).ShouldBeFalse();

        dictionary.ShouldBeNull();
        error.ShouldNotBeNullOrEmpty();
    }
}
