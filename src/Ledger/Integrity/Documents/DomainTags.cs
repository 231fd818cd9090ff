namespace Acgs.Ledger.Integrity;

// DESIGN §4.1: every hashed or signed input starts with one of these lines, so bytes made for one
// purpose can never be taken for another (a receipt for a submission, a payload for an event).
public static class DomainTags
{
    public static ReadOnlySpan<byte> Payload => "acgs:payload:v1\n"u8;

    public static ReadOnlySpan<byte> Submission => "acgs:submission:v1\n"u8;

    public static ReadOnlySpan<byte> Event => "acgs:event:v1\n"u8;

    public static ReadOnlySpan<byte> GenesisLink => "acgs:genesis-link:v1\n"u8;

    public static ReadOnlySpan<byte> LedgerGenesis => "acgs:ledger-genesis:v1\n"u8;

    public static ReadOnlySpan<byte> ProofOfPossession => "acgs:pop:v1\n"u8;

    public static ReadOnlySpan<byte> Receipt => "acgs:receipt:v1\n"u8;

    // Server-internal (never signed by a client): the MAC of a read's page cursor.
    public static ReadOnlySpan<byte> PageCursor => "acgs:page-cursor:v1\n"u8;

    public static byte[] Prefix(ReadOnlySpan<byte> tag, ReadOnlySpan<byte> body)
    {
        var tagged = new byte[checked(tag.Length + body.Length)];
        tag.CopyTo(tagged);
        body.CopyTo(tagged.AsSpan(tag.Length));
        return tagged;
    }
}
