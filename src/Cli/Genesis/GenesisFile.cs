using System.Text.Json;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Integrity;

namespace Acgs.Cli.Genesis;

// The genesis.json `acgs init` wrote names the ledger once and for all; commands that sign for a
// ledger read its id (and the demo its Admin and first constitution) from there rather than ask the
// operator to copy them.
internal static class GenesisFile
{
    public static Guid ReadLedgerId(string path) => Read(path).Created.LedgerId;

    public static (LedgerCreated Created, ConstitutionAdopted Constitution) Read(string path)
    {
        using var parsed = StrictJson.Parse(File.ReadAllBytes(path));
        if (!parsed.IsValid)
        {
            throw new InvalidDataException($"{path}: {parsed.Error.Path}: {parsed.Error.Message}");
        }
        GenesisDocument? genesis;
        try
        {
            genesis = parsed.RootElement.Deserialize<GenesisDocument>(LedgerJson.Options);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path} is not a genesis document: {exception.Message}", exception);
        }
        if (genesis is null)
        {
            throw new InvalidDataException($"{path} is not a genesis document");
        }
        return (Payload<LedgerCreated>(path, "ledgerCreated", genesis.LedgerCreated.Payload),
            Payload<ConstitutionAdopted>(path, "constitution", genesis.Constitution.Payload));
    }

    private static T Payload<T>(string path, string member, JsonElement payload) =>
        LedgerJson.TryDeserializeExact<T>(payload, out var value, out var error)
            ? value
            : throw new InvalidDataException($"{path}: {member}.payload{error.Path.TrimStart('$')}: {error.Message}");
}
