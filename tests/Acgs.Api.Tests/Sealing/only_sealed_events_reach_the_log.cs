using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Sealing;
using Marten;
using Npgsql;
using Wolverine;

namespace Acgs.Api.Tests.Sealing;

// DESIGN §4.3, one choke point: whatever path writes an event, it is sealed from a signed
// submission by the store's listener or it is refused; the database refuses what slips past.
[Collection(LedgerHostCollection.Name)]
public sealed class only_sealed_events_reach_the_log(LedgerHostFixture fixture)
{
    private readonly Submitter submitter = new(fixture.Host);

    private IDocumentStore Store => fixture.Host.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task a_marten_append_that_starts_a_stream_without_a_submission_throws_and_stores_nothing()
    {
        var streamId = Guid.CreateVersion7();

        await ShouldStoreNothingAsync(streamId, async () =>
        {
            await using var session = Store.LightweightSession();
            session.Events.StartStream(streamId, new ActorSuspended(streamId, "no submission"));
            await Should.ThrowAsync<UnsealedAppendException>(() => session.SaveChangesAsync());
        });
    }

    [Fact]
    public async Task a_marten_append_to_an_existing_stream_without_a_submission_throws_and_stores_nothing()
    {
        var (actorId, _) = await submitter.RegisterAsync(Role.Council);

        await ShouldStoreNothingAsync(actorId, async () =>
        {
            await using var session = Store.LightweightSession();
            session.Events.Append(actorId, 2L, new ActorSuspended(actorId, "no submission"));
            await Should.ThrowAsync<UnsealedAppendException>(() => session.SaveChangesAsync());
        });
    }

    // A genuine signed submission carried to a row it does not describe (another stream, or
    // another type) must not lend that row its signature.
    [Theory]
    [InlineData("another stream")]
    [InlineData("another type")]
    public async Task a_signed_submission_attached_to_a_row_it_does_not_describe_is_refused(string row)
    {
        var (actorId, _) = await submitter.RegisterAsync(Role.Council);
        var (otherId, _) = await submitter.RegisterAsync(Role.Council);
        var signed = submitter.SignAsAdmin(new ActorRolesChanged(actorId, [Role.Auditor]), EventTypes.ActorRolesChanged, actorId, 1);
        var adminVersion = await submitter.Rows.StreamVersionAsync(submitter.Ledger.AdminId);
        var (streamId, @event) = row == "another stream"
            ? (otherId, (object)new ActorRolesChanged(otherId, [Role.Auditor]))
            : (actorId, new ActorSuspended(actorId, "borrowed signature"));

        await ShouldStoreNothingAsync(streamId, async () =>
        {
            await using var session = Store.LightweightSession();
            var appended = session.Events.Append(streamId, 2L, @event).Events.Single();
            appended.SetHeader(PendingSeal.HeaderName, new PendingSeal(signed.Submission, signed.Signature, adminVersion));
            await Should.ThrowAsync<UnsealedAppendException>(() => session.SaveChangesAsync());
        });
    }

    [Fact]
    public async Task an_event_returned_by_a_wolverine_aggregate_handler_is_refused_and_stores_nothing()
    {
        var (actorId, _) = await submitter.RegisterAsync(Role.Council);

        await ShouldStoreNothingAsync(actorId, async () =>
        {
            var failure = await Should.ThrowAsync<Exception>(() => InvokeAsync(new SuspendWithoutASubmission(actorId, "no submission")));
            ShouldBeUnsealedAppend(failure);
        });
    }

    [Fact]
    public async Task a_stream_started_by_a_wolverine_handler_is_refused_and_stores_nothing()
    {
        var streamId = Guid.CreateVersion7();

        await ShouldStoreNothingAsync(streamId, async () =>
        {
            var failure = await Should.ThrowAsync<Exception>(() => InvokeAsync(new StartStreamWithoutASubmission(streamId)));
            ShouldBeUnsealedAppend(failure);
        });
    }

    // Every header shape short of a seal: none, empty, the in-memory pending marker, a seal that is
    // not a string.
    [Theory]
    [InlineData(null)]
    [InlineData("{}")]
    [InlineData("""{"acgs.pending": "x"}""")]
    [InlineData("""{"acgs.seal": {"hash": "x"}}""")]
    public async Task a_raw_sql_insert_without_a_seal_is_refused_by_the_database(string? headers)
    {
        var streamId = Guid.CreateVersion7();

        await ShouldStoreNothingAsync(streamId, async () =>
        {
            await using var connection = await submitter.Rows.DataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var stream = new NpgsqlCommand(
                $"insert into {LedgerSchema.Schema}.mt_streams (id, type, version) values ($1, 'actorstate', 1)", connection, transaction))
            {
                stream.Parameters.AddWithValue(streamId);
                await stream.ExecuteNonQueryAsync();
            }
            await using var insert = new NpgsqlCommand(
                $"""
                insert into {LedgerSchema.Schema}.mt_events (seq_id, id, stream_id, version, data, type, headers)
                values (nextval('{LedgerSchema.Schema}.mt_events_sequence'), gen_random_uuid(), $1, 1, $2::jsonb, '{EventTypes.ActorSuspended}', $3::jsonb)
                """, connection, transaction);
            insert.Parameters.AddWithValue(streamId);
            insert.Parameters.AddWithValue($$"""{"actorId": "{{streamId}}", "reason": "raw sql"}""");
            insert.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)headers ?? DBNull.Value);

            var refused = await Should.ThrowAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());

            refused.SqlState.ShouldBe(LedgerSchema.UnsealedRowState);
        });
    }

    private async Task InvokeAsync(object message)
    {
        using var scope = fixture.Host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(message);
    }

    private static void ShouldBeUnsealedAppend(Exception failure)
    {
        for (Exception? current = failure; current is not null; current = current.InnerException)
        {
            if (current is UnsealedAppendException)
            {
                return;
            }
        }
        throw new Xunit.Sdk.XunitException($"expected the choke point to refuse the append, but got: {failure}");
    }

    private async Task ShouldStoreNothingAsync(Guid streamId, Func<Task> attempt)
    {
        var before = await submitter.Rows.CountAsync(streamId);

        await attempt();

        (await submitter.Rows.CountAsync(streamId)).ShouldBe(before);
    }
}
