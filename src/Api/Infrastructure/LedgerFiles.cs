using System.Text.Json;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Api.Infrastructure;

// The ledger's identity comes from files `acgs init` wrote: the genesis document and the ledger and
// System private keys. Their paths are configuration; nothing else about the ledger is.
public sealed record LedgerFiles(string Genesis, string LedgerKey, string SystemKey)
{
    public static LedgerFiles From(IConfiguration configuration) => new(
        Required(configuration, "Acgs:GenesisFile"),
        Required(configuration, "Acgs:LedgerKeyFile"),
        Required(configuration, "Acgs:SystemKeyFile"));

    public GenesisDocument ReadGenesis()
    {
        using var parsed = StrictJson.Parse(File.ReadAllBytes(Genesis));
        if (!parsed.IsValid)
        {
            throw new InvalidDataException($"{Genesis}: {parsed.Error.Path}: {parsed.Error.Message}");
        }
        return parsed.RootElement.Deserialize<GenesisDocument>(LedgerJson.Options)
            ?? throw new InvalidDataException($"{Genesis}: not a genesis document");
    }

    public LedgerAuthority ReadAuthority(GenesisDocument genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        var created = genesis.LedgerCreated.Payload.Deserialize<Acgs.Ledger.Identity.Genesis.LedgerCreated>(LedgerJson.Options)
            ?? throw new InvalidDataException($"{Genesis}: no LedgerCreated payload");
        return new LedgerAuthority(created.LedgerId, created.Origin,
            KeyFiles.ReadSigningKey(LedgerKey), KeyFiles.ReadSigningKey(SystemKey), created.System.ActorId);
    }

    private static string Required(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{key} is not configured (./run.sh sets it after `acgs init`).");
}
