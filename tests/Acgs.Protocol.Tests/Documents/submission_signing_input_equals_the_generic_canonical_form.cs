using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity;
using CsCheck;

namespace Acgs.Protocol.Tests.Documents;

/// <summary>
/// Submission.SigningInput writes its members directly, in their canonical order; it must equal the
/// tag followed by the generic canonicaliser's output (serialise, parse, sort) byte for byte.
/// </summary>
public class submission_signing_input_equals_the_generic_canonical_form
{
    private static readonly Gen<string> Text = Gen.OneOf(
            Gen.Char['a', 'z'].Select(c => c.ToString()),
            Gen.Char['A', 'Z'].Select(c => c.ToString()),
            Gen.Char['\u0000', '\u001f'].Select(c => c.ToString()),
            Gen.OneOf(Gen.Const("\""), Gen.Const("\\"), Gen.Const("/"), Gen.Const("<"), Gen.Const("&"), Gen.Const("'"), Gen.Const("\u007f")),
            Gen.Char['\u0080', '\ud7ff'].Select(c => c.ToString()),
            Gen.Char['\ue000', '\uffff'].Select(c => c.ToString()),
            Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32))
        .Array[0, 12]
        .Select(string.Concat);

    private static readonly Gen<string> Hex = Gen.Char["0123456789abcdef"].Array[16].Select(chars => new string(chars));

    private static readonly Gen<KeyId> KeyIds = Hex.Select(text => KeyId.TryParse(text, out var keyId) ? keyId : throw new InvalidOperationException(text));

    private static readonly Gen<long> Versions = Gen.OneOf(
        Gen.Long[0, 1000],
        Gen.Long[0, StrictJson.MaxSafeInteger],
        Gen.Long,
        Gen.OneOf(Gen.Const(0L), Gen.Const(StrictJson.MaxSafeInteger), Gen.Const(999_999_999_999_999L), Gen.Const(1_000_000_000_000_000L),
            Gen.Const(-99_999_999_999_999L), Gen.Const(-100_000_000_000_000L), Gen.Const(long.MaxValue), Gen.Const(long.MinValue)));

    private static readonly Gen<DateTimeOffset> Timestamps =
        Gen.Long[new DateTime(2, 1, 1).Ticks / TimeSpan.TicksPerMillisecond, new DateTime(9998, 12, 31).Ticks / TimeSpan.TicksPerMillisecond]
            .Select(Gen.Int[-14 * 60, 14 * 60], (milliseconds, offsetMinutes) =>
                new DateTimeOffset(milliseconds * TimeSpan.TicksPerMillisecond, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes)));

    private static readonly Gen<Submission> Submissions =
        Gen.Select(Gen.Guid, Gen.Guid, Gen.Guid, KeyIds, Timestamps, Gen.OneOf(Text, Gen.Const("AmendmentProposed")), Gen.Guid, Versions)
            .Select(Gen.OneOf(Hex.Array[4].Select(string.Concat), Text), (members, payloadHash) =>
                new Submission(members.Item1, members.Item2, members.Item3, members.Item4, members.Item5, members.Item6, members.Item7, members.Item8, payloadHash));

    private static byte[] Generic(Submission submission) => DomainTags.Prefix(DomainTags.Submission, CanonicalJson.Serialize(submission));

    [Fact]
    public void for_generated_submissions()
    {
        Submissions.Sample(submission => submission.SigningInput().ShouldBe(Generic(submission)), iter: 2_000, print: submission => submission.ToString());
    }

    [Fact]
    public void for_the_example()
    {
        using var actorKey = Example.ActorKey();
        var submission = Example.Submission(actorKey.KeyId);

        submission.SigningInput().ShouldBe(Generic(submission));
    }

    [Fact]
    public void and_odd_members_take_the_generic_path_with_its_outcome()
    {
        using var actorKey = Example.ActorKey();
        var submission = Example.Submission(actorKey.KeyId);

        foreach (var odd in new[]
                 {
                     submission with { SubmittedAt = submission.SubmittedAt.AddTicks(1) },
                     submission with { Type = "lone \ud800 surrogate" },
                     submission with { KeyId = default },
                 })
        {
            byte[]? genericBytes = null;
            byte[]? directBytes = null;
            var generic = Record.Exception(() => genericBytes = Generic(odd));
            var direct = Record.Exception(() => directBytes = odd.SigningInput());
            direct?.GetType().ShouldBe(generic?.GetType());
            directBytes.ShouldBe(genericBytes);
        }
    }
}
