using System.Text.Json;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Integrity;

namespace Acgs.Api.Tests.Infrastructure;

// A new ledger for one host: keys and a signed genesis, as `acgs init` would write them, with the
// private keys also kept in memory so tests can sign as the first Admin.
public sealed class TestLedger : IDisposable
{
    private TestLedger(string directory, GenesisDocument genesis, SigningKey ledgerKey, SigningKey systemKey, SigningKey adminKey)
    {
        Directory = directory;
        Genesis = genesis;
        LedgerKey = ledgerKey;
        SystemKey = systemKey;
        AdminKey = adminKey;
        Created = genesis.LedgerCreated.Payload.Deserialize<LedgerCreated>(LedgerJson.Options)!;
    }

    public string Directory { get; }

    public GenesisDocument Genesis { get; }

    public LedgerCreated Created { get; }

    public Guid LedgerId => Created.LedgerId;

    public Guid AdminId => Created.Admin.ActorId;

    public SigningKey LedgerKey { get; }

    public SigningKey SystemKey { get; }

    public SigningKey AdminKey { get; }

    public static TestLedger Create(MetaRules? metaRules = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("acgs-ledger-").FullName;
        var ledgerKey = SigningKey.Generate();
        var systemKey = SigningKey.Generate();
        var adminKey = SigningKey.Generate();
        var genesis = GenesisDocument.Create("ledger.test", ledgerKey, systemKey, adminKey,
            [new Principle("P1", "Transparency", "Every act is signed and recorded.", 1)],
            metaRules ?? new MetaRules(3, 2, 3, 259_200, AbstentionRule.CountTowardQuorumOnly),
            DateTimeOffset.UtcNow);
        KeyFiles.Create(Path.Combine(directory, "ledger"), ledgerKey);
        KeyFiles.Create(Path.Combine(directory, "system"), systemKey);
        File.WriteAllBytes(Path.Combine(directory, "genesis.json"), CanonicalJson.Serialize(genesis));
        return new TestLedger(directory, genesis, ledgerKey, systemKey, adminKey);
    }

    public void Configure(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration["Acgs:GenesisFile"] = Path.Combine(Directory, "genesis.json");
        builder.Configuration["Acgs:LedgerKeyFile"] = Path.Combine(Directory, "ledger.key");
        builder.Configuration["Acgs:SystemKeyFile"] = Path.Combine(Directory, "system.key");
    }

    public void Dispose()
    {
        LedgerKey.Dispose();
        SystemKey.Dispose();
        AdminKey.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
