using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity;

namespace Acgs.Protocol.Tests.Documents;

// A valid submission and seal to tamper with, signed by RFC 8032 TEST 1's key.
internal static class Example
{
    public static readonly Guid LedgerId = Guid.Parse("3f2c9a4e-7b1d-4e8a-9c6f-2d5b8e1a7c30");
    public static readonly Guid StreamId = Guid.Parse("5d9e2a7c-4f1b-4c8d-b6e3-9a2f7c1d4e85");

    public static SigningKey ActorKey() =>
        SigningKey.FromSeed(Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

    public static SigningKey LedgerKey() =>
        SigningKey.FromSeed(Convert.FromHexString("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));

    public static DateTimeOffset At(string text) =>
        LedgerTimestamp.TryParse(text, out var instant) ? instant : throw new FormatException(text);

    public static Submission Submission(KeyId keyId) => new(
        LedgerId,
        Guid.Parse("c1a7e5d2-9b3f-4a6e-8d1c-7f2e4b9a5c63"),
        Guid.Parse("8e4b1f6a-2c9d-4b7e-a3f5-1d6c8e2a9b47"),
        keyId,
        At("2025-06-01T09:30:00.123Z"),
        "AmendmentProposed",
        StreamId,
        0,
        "a426f95bae380c7bed45b12f632489105dc7cb42ffde4f514330b91f1551836a");

    public static EventSeal Seal()
    {
        using var actorKey = ActorKey();
        var submission = Submission(actorKey.KeyId);
        return EventSeal.Create(new EventSealInput(
            LedgerId, StreamId, 1, submission, submission.Sign(actorKey), At("2025-06-01T09:30:00.456Z"), 2,
            GenesisLink.Compute(LedgerId, StreamId)));
    }
}
