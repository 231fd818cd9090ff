using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity;
using CsCheck;

namespace Acgs.Protocol.Tests.Documents;

// Seals over the whole range of their members' types, the ledger's usual values and the odd ones
// (negative and oversized versions, control and non-ASCII characters in the type, empty strings).
internal static class SealGenerators
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

    public static readonly Gen<EventSeal> Seals =
        Gen.Select(Gen.Guid, Gen.Guid, Gen.Guid, KeyIds, Timestamps, Types, Versions, Hex64)
            .Select(Gen.Select(Gen.Guid, Versions, Versions, Signatures, Timestamps, Hex64, Hex64), (submission, seal) =>
                new EventSeal(
                    new EventSealInput(submission.Item1, seal.Item1, seal.Item2,
                        new Submission(submission.Item1, submission.Item2, submission.Item3, submission.Item4, submission.Item5, submission.Item6,
                            seal.Item1, submission.Item7, submission.Item8),
                        seal.Item4, seal.Item5, seal.Item3, seal.Item6),
                    seal.Item7));
}
