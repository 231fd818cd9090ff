using System.Text.Json;
using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Integrity;

namespace Acgs.Cli.Genesis;

// The genesis.json `acgs init` wrote names the ledger once and for all; commands that sign for a
// ledger read its id from there rather than ask the operator to copy it.
internal static class GenesisFile
{
    public static Guid ReadLedgerId(string path)
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
        return LedgerJson.TryDeserializeExact<LedgerCreated>(genesis.LedgerCreated.Payload, out var created, out var error)
            ? created.LedgerId
            : throw new InvalidDataException($"{path}: ledgerCreated.payload{error.Path.TrimStart('$')}: {error.Message}");
    }
}
