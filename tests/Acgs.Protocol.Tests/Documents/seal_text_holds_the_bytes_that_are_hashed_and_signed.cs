using System.Text;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Integrity.Verification;

namespace Acgs.Protocol.Tests.Documents;

// The verifier takes the hashed and signed bytes out of the stored seal text instead of
// serialising them again: they must be exactly what sealing and signing covered.
public class seal_text_holds_the_bytes_that_are_hashed_and_signed
{
    public static TheoryData<long> ActorVersions => [0, 2, 1234567];

    [Theory]
    [MemberData(nameof(ActorVersions))]
    public void the_hash_is_over_the_text_without_its_hash(long actorVersion)
    {
        var seal = EventSeal.Create(Example.Seal().Input with { ActorVersion = actorVersion });
        var text = Encoding.UTF8.GetBytes(seal.ToHeaderText());

        SealBytes.Hash(text).ShouldBe(seal.Input.ComputeHash());
    }

    [Fact]
    public void the_signed_submission_is_the_text_of_its_member()
    {
        var seal = Example.Seal();

        var text = Encoding.UTF8.GetBytes(seal.ToHeaderText());

        text[SealBytes.Submission(text)].ShouldBe(CanonicalJson.Serialize(seal.Input.Submission));
        EventSeal.TryReadLayout(text, out _, out var submission).ShouldBeTrue();
        submission.ShouldBe(SealBytes.Submission(text));
    }

    [Fact]
    public void text_of_another_shape_is_refused()
    {
        var text = Encoding.UTF8.GetBytes(Example.Seal().ToHeaderText().Replace(",\"hash\":", ", \"hash\":", StringComparison.Ordinal));

        Should.Throw<InvalidOperationException>(() => SealBytes.Hash(text));
    }
}
