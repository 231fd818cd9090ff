using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Sealing;
using Marten;
using Npgsql;

namespace Acgs.Api.Tests.Log;

// Two API hosts on one database, both running the sealer, and a transaction that commits after
// later ones: every event gets exactly one leaf, and the leaves are dense.
public sealed class two_nodes_seal_each_event_exactly_once() : TwoNodes("acgs_test_two_nodes")
{
    [Fact]
    public async Task every_event_including_a_late_commit_has_exactly_one_leaf()
    {
        var submitters = new[] { new Submitter(First), new Submitter(Second) };

        // Held open while later appends commit and get sealed; its sequence number is lower than theirs.
        var store = First.Services.GetRequiredService<IDocumentStore>();
        await using var lateConnection = new NpgsqlConnection(Connection);
        await lateConnection.OpenAsync();
        await using var lateTransaction = await lateConnection.BeginTransactionAsync();
        await using (var late = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(lateTransaction, shouldAutoCommit: false)))
        {
            using var key = SigningKey.Generate();
            var actorId = Guid.CreateVersion7();
            var ledger = First.Ledger;
            var payload = Submitter.Registration(ledger.LedgerId, actorId, key, Role.Auditor);
            var request = submitters[0].Sign(payload, EventTypes.ActorRegistered, ledger.AdminId, ledger.AdminKey, actorId, 0);
            var stream = late.Events.StartStream(actorId, payload);
            stream.Events.Single().SetHeader(PendingSeal.HeaderName, new PendingSeal(request.Submission, request.Signature, 1));
            await late.SaveChangesAsync();
        }

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => submitters[i % 2].RegisterAsync(Role.Council)));
        await Eventually.TrueAsync(async () => await CountAsync("select count(*) from acgs.unsealed") == 0, TimeSpan.FromSeconds(15));
        await lateTransaction.CommitAsync();

        await Eventually.TrueAsync(async () => await CountAsync("select count(*) from acgs.unsealed") == 0, TimeSpan.FromSeconds(15));
        var events = await CountAsync("select count(*) from acgs.mt_events where type <> 'tombstone'");
        (await CountAsync("select count(*) from acgs.log_leaves")).ShouldBe(events);
        (await CountAsync("select count(distinct seq) from acgs.log_leaves")).ShouldBe(events);
        (await CountAsync("select coalesce(max(leaf_index) + 1, 0) from acgs.log_leaves")).ShouldBe(events);
        (await CountAsync("select count(*) from acgs.log_quarantine")).ShouldBe(0);
        // The late event has a lower sequence number than events logged before it.
        (await CountAsync("select count(*) from acgs.log_leaves a join acgs.log_leaves b on a.seq < b.seq and a.leaf_index > b.leaf_index"))
            .ShouldBeGreaterThan(0);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
