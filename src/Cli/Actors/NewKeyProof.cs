using Acgs.Ledger.Identity;

namespace Acgs.Cli.Actors;

// DESIGN §4.5: a key enters the ledger only with a proof of possession signed by its private half,
// so the commands that bring one in need the new key's private file, not just its public one.
internal static class NewKeyProof
{
    public static (string PublicKey, string ProofOfPossession) Sign(string newKeyFile, Guid ledgerId, Guid actorId)
    {
        using var newKey = KeyFiles.ReadSigningKey(newKeyFile);
        return (newKey.PublicKey.ToBase64(), ProofOfPossession.For(ledgerId, actorId, newKey.PublicKey).Sign(newKey));
    }
}
