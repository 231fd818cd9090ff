using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Sealing;
using Marten;
using Npgsql;

namespace Acgs.Api.Tests.Audit;

// An actor registration appended through the choke point in a transaction left open: its recordedAt
// and sequence number are taken now, but it commits, and so is logged, only when the test says so.
public sealed class LateRegistration : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;

    private LateRegistration(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid actorId)
    {
        this.connection = connection;
        this.transaction = transaction;
        ActorId = actorId;
    }

    public Guid ActorId { get; }

    public static async Task<LateRegistration> BeginAsync(LedgerHost host, string database)
    {
        var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection(database));
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        var actorId = Guid.CreateVersion7();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await using (var late = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false)))
        {
            using var key = SigningKey.Generate();
            var payload = Submitter.Registration(host.Ledger.LedgerId, actorId, key, Role.Auditor);
            var request = new Submitter(host).SignAsAdmin(payload, EventTypes.ActorRegistered, actorId, 0);
            var stream = late.Events.StartStream(actorId, payload);
            stream.Events.Single().SetHeader(PendingSeal.HeaderName, new PendingSeal(request.Submission, request.Signature, 1));
            await late.SaveChangesAsync();
        }
        return new LateRegistration(connection, transaction, actorId);
    }

    public Task CommitAsync() => transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
