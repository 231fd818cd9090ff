using System.Text;

namespace Acgs.Ledger.Integrity;

// DESIGN §4.3: the `prev` of a stream's first event,
// SHA-256("acgs:genesis-link:v1\n" + ledgerId + "\n" + streamId) with no trailing newline, so the
// first event of one stream can never be moved to the head of another, or to another ledger.
public static class GenesisLink
{
    public static byte[] HashInput(Guid ledgerId, Guid streamId) =>
        DomainTags.Prefix(DomainTags.GenesisLink, Encoding.ASCII.GetBytes($"{ledgerId:D}\n{streamId:D}"));

    public static string Compute(Guid ledgerId, Guid streamId) => Sha256Hex.Of(HashInput(ledgerId, streamId));
}
