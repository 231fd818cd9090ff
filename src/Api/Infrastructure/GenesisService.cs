using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Sealing;
using Marten;

namespace Acgs.Api.Infrastructure;

// Runs after Marten has applied the schema (hosted services start in registration order).
public sealed class GenesisService(IDocumentStore store, GenesisWriter writer, GenesisDocument genesis) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await LedgerSchema.ApplyAsync(store, cancellationToken);
        await writer.EnsureAsync(genesis, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
