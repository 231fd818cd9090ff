using System.Net;
using System.Text.Json;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Sealing;
using Npgsql;
using Xunit.Abstractions;

namespace Acgs.Api.Tests.Concurrency;

// DESIGN §4.5: an append is judged by its actor's stream head and holds that head until commit,
// so it either commits under the key active at the actorVersion it records, or fails — a key
// rotation committing in between never lets it through under the rotated-out key.
[Collection(LedgerHostCollection.Name)]
public sealed class a_key_rotation_racing_an_append_never_stores_it_under_an_inactive_key(LedgerHostFixture fixture, ITestOutputHelper output)
{
    private const int Rounds = 30;

    private readonly Submitter submitter = new(fixture.Host);

    [Fact]
    public async Task each_stored_append_was_signed_by_the_key_active_at_its_actor_version()
    {
        var ledger = submitter.Ledger;
        var (adminId, key) = await submitter.RegisterAsync(Role.Admin);
        var (targetId, _) = await submitter.RegisterAsync(Role.Council);
        // The test's own record of the signer's keys, independent of the ledger's projection.
        var keyAt = new Dictionary<long, VerificationKey> { [1] = key.PublicKey };
        long adminVersion = 1, targetVersion = 1;
        var outcomes = new List<string>();

        for (var round = 0; round < Rounds; round++)
        {
            var next = SigningKey.Generate();
            var rotation = submitter.Sign(Submitter.Rotation(ledger.LedgerId, adminId, next), EventTypes.ActorKeyRotated,
                adminId, key, adminId, adminVersion);
            var change = submitter.Sign(new ActorRolesChanged(targetId, [round % 2 == 0 ? Role.Auditor : Role.Council]),
                EventTypes.ActorRolesChanged, adminId, key, targetId, targetVersion);

            // Staggering the append by 0–3 ms lets it land before, inside and after the rotation.
            var rotated = submitter.PostAsync($"/v1/actors/{adminId}/keys", rotation);
            var changed = StaggeredAsync(round % 4, () => submitter.PostAsync($"/v1/actors/{targetId}/roles", change));
            await Task.WhenAll(rotated, changed);

            (await rotated).StatusCode.ShouldBe(HttpStatusCode.Created, await (await rotated).Content.ReadAsStringAsync());
            adminVersion++;
            keyAt[adminVersion] = next.PublicKey;
            key = next;
            var outcome = await OutcomeAsync(await changed);
            outcome.ShouldBeOneOf("created", "actor-changed", "key-not-active");
            if (outcome == "created")
            {
                targetVersion++;
            }
            outcomes.Add(outcome);
        }

        output.WriteLine(string.Join(", ", outcomes.CountBy(outcome => outcome).Select(group => $"{group.Key}: {group.Value}")));
        var signedByAdmin = (await submitter.Rows.ShouldBeUnbrokenChainAsync(ledger.LedgerId, targetId)).Skip(1)
            .Concat((await submitter.Rows.ShouldBeUnbrokenChainAsync(ledger.LedgerId, adminId)).Skip(1))
            .ToList();
        signedByAdmin.Count.ShouldBe((int)(targetVersion - 1) + Rounds);
        foreach (var row in signedByAdmin)
        {
            var seal = row.Seal.Input;
            seal.Submission.ActorId.ShouldBe(adminId);
            var activeKey = keyAt[seal.ActorVersion];
            seal.Submission.KeyId.ShouldBe(activeKey.KeyId, $"{row.Type} at {row.StreamId} v{row.Version} recorded actorVersion {seal.ActorVersion}");
            seal.Submission.VerifySignature(activeKey, seal.Signature).ShouldBeTrue();
        }
    }

    // The interleaving the §4.5 lock exists for, forced: the append is judged under the old key,
    // then held at its first write (the target's stream row, locked here) while the rotation
    // commits. Recording it with the old actorVersion now would store it under a key that was no
    // longer active when it committed.
    [Fact]
    public async Task an_append_judged_before_a_rotation_that_commits_after_it_is_refused()
    {
        var ledger = submitter.Ledger;
        var (adminId, key) = await submitter.RegisterAsync(Role.Admin);
        var (targetId, _) = await submitter.RegisterAsync(Role.Council);
        var change = submitter.Sign(new ActorRolesChanged(targetId, [Role.Auditor]), EventTypes.ActorRolesChanged,
            adminId, key, targetId, 1);

        Task<HttpResponseMessage> changed;
        await using (var connection = await submitter.Rows.DataSource.OpenConnectionAsync())
        await using (var holdTarget = await connection.BeginTransactionAsync())
        {
            await using (var lockRow = new NpgsqlCommand($"select 1 from {LedgerSchema.Schema}.mt_streams where id = $1 for update", connection, holdTarget))
            {
                lockRow.Parameters.AddWithValue(targetId);
                await lockRow.ExecuteNonQueryAsync();
            }
            changed = submitter.PostAsync($"/v1/actors/{targetId}/roles", change);
            await WaitUntilAWriteWaitsOnTheLockAsync(changed);

            using var next = SigningKey.Generate();
            await submitter.ShouldAcceptAsync($"/v1/actors/{adminId}/keys",
                submitter.Sign(Submitter.Rotation(ledger.LedgerId, adminId, next), EventTypes.ActorKeyRotated, adminId, key, adminId, 1));
            await holdTarget.RollbackAsync();
        }

        await (await changed).ShouldBeProblemAsync(HttpStatusCode.Conflict, "actor-changed");
        (await submitter.Rows.StreamVersionAsync(targetId)).ShouldBe(1);
        (await submitter.Rows.SubmissionSequenceAsync(change.Submission.SubmissionId)).ShouldBeNull();
    }

    private async Task WaitUntilAWriteWaitsOnTheLockAsync(Task<HttpResponseMessage> write)
    {
        await using var waiting = submitter.Rows.DataSource.CreateCommand(
            "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like '%mt_streams%'");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((long)(await waiting.ExecuteScalarAsync())! == 0)
        {
            if (write.IsCompleted)
            {
                throw new Xunit.Sdk.XunitException($"the append finished without waiting: {(int)(await write).StatusCode}");
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException("the append never reached the locked stream row");
            }
            await Task.Delay(10);
        }
    }

    private static async Task<HttpResponseMessage> StaggeredAsync(int milliseconds, Func<Task<HttpResponseMessage>> send)
    {
        await Task.Delay(milliseconds);
        return await send();
    }

    private static async Task<string> OutcomeAsync(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return "created";
        }
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var kind = problem.RootElement.GetProperty("type").GetString()!["urn:acgs:problem:".Length..];
        response.StatusCode.ShouldBe(kind == "key-not-active" ? HttpStatusCode.Forbidden : HttpStatusCode.Conflict, kind);
        return kind;
    }
}
