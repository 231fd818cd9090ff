using JasperFx.Events;
using Marten;
using Npgsql;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Procedures;
using Weasel.Postgresql.Tables;
using Weasel.Postgresql.Triggers;

namespace Acgs.Ledger.Sealing;

// The database's half of the one choke point (DESIGN §4.3): whatever path writes to mt_events, an
// unsealed row never lands, and every sealed row is queued for the log sealer in the same
// transaction. Kept as Weasel schema objects so Marten's migrations create and keep them.
public static class LedgerSchema
{
    public const string Schema = LedgerConfiguration.SchemaName;

    // SQLSTATEs the API maps to answers; class "AC" is ours, never PostgreSQL's.
    public const string UnsealedRowState = "AC001";
    public const string ActorHeadMovedState = "AC409";
    public const string AppendOnlyState = "AC002";

    public const string SealHeader = "acgs.seal";

    // Read-signature nonces while Redis is down (DESIGN §6); the API deletes rows past expires_at.
    public const string ReadNoncesTable = "read_nonces";

    public static readonly string RequireSealTrigger = "acgs_require_seal";
    public static readonly string QueueSealedTrigger = "acgs_queue_sealed";

    private static PostgresqlObjectName Name(string name) => new(Schema, name, SchemaUtils.IdentifierUsage.General);

    public static StoreOptions AddLedgerSchema(this StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Storage.ExtendedSchemaObjects.AddRange(Objects());
        return options;
    }

    // Marten applies extended schema objects before it creates its event tables, so on an empty
    // database its migration skips these triggers; they are created here, after it, every start.
    public static async Task ApplyAsync(IDocumentStore store, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(store);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(token);
        foreach (var trigger in Objects().OfType<GuardedTrigger>())
        {
            await using var command = new NpgsqlCommand(trigger.CreateSql(), connection);
            await command.ExecuteNonQueryAsync(token);
        }
    }

    private static List<ISchemaObject> Objects()
    {
        var streams = $"{Schema}.mt_streams";
        var objects = new List<ISchemaObject>(Log.LogSchema.Objects());

        var submissions = new Table(Name("submissions"));
        submissions.AddColumn<Guid>("submission_id").AsPrimaryKey();
        // SHA-256 of the canonical submission: the same bytes again are a retry, other bytes a reuse.
        submissions.AddColumn<string>("submission_sha256").NotNull();
        // The verifier reads a page's records by its range of sequences, one index range instead of
        // an id probe per event.
        submissions.AddColumn<long>("seq").NotNull().AddIndex();
        objects.Add(submissions);

        var unsealed = new Table(Name("unsealed"));
        unsealed.AddColumn<long>("seq").AsPrimaryKey();
        objects.Add(unsealed);

        objects.Add(Reads.PageCursorKey.SchemaObject());

        var actorKeys = new Table(Name("actor_keys"));
        actorKeys.AddColumn<string>("key_id").AsPrimaryKey();
        actorKeys.AddColumn<string>("public_key").NotNull();
        actorKeys.AddColumn<Guid>("actor_id").NotNull();
        objects.Add(actorKeys);

        var readNonces = new Table(Name(ReadNoncesTable));
        readNonces.AddColumn<string>("nonce").AsPrimaryKey();
        readNonces.AddColumn<DateTimeOffset>("expires_at").NotNull().AddIndex();
        objects.Add(readNonces);

        objects.Add(Function.ForSql($$"""
            create or replace function {{Schema}}.require_seal() returns trigger language plpgsql as $f$
            begin
              -- Marten fills the sequence number of a failed append with exactly this row, outside any
              -- session listener; it carries no governance data. (Its stream id is chosen per process.)
              if new.type = '{{Tombstone.Name}}' and new.data = '{}'::jsonb
                 and coalesce(new.headers, '{}'::jsonb) = '{}'::jsonb then
                return new;
              end if;
              if new.headers is null or jsonb_typeof(new.headers -> '{{SealHeader}}') is distinct from 'string' then
                raise exception 'unsealed event refused: stream %, version %, type %', new.stream_id, new.version, new.type
                  using errcode = '{{UnsealedRowState}}';
              end if;
              return new;
            end
            $f$;
            """));
        objects.Add(new GuardedTrigger(RequireSealTrigger, "mt_events", "before insert", $"{Schema}.require_seal()"));

        objects.Add(Function.ForSql($$"""
            create or replace function {{Schema}}.queue_sealed() returns trigger language plpgsql as $f$
            begin
              if new.type <> '{{Tombstone.Name}}' then
                insert into {{Schema}}.unsealed (seq) values (new.seq_id);
              end if;
              return null;
            end
            $f$;
            """));
        objects.Add(new GuardedTrigger(QueueSealedTrigger, "mt_events", "after insert", $"{Schema}.queue_sealed()"));

        // Procedures, not functions: CALL returns no result set, which Marten's batched reads require of
    // queued statements.
    // DESIGN §4.5: an append judged by an actor's key, roles and suspension at stream version N
        // holds that stream's row FOR SHARE until commit, and fails when the version moved; key, role
        // and suspension events take it FOR UPDATE, so the two orders serialise.
        objects.Add(new StoredProcedure(Name("assert_actor_head"), $$"""
            create or replace procedure {{Schema}}.assert_actor_head(actor uuid, expected bigint)
            language plpgsql as $f$
            declare current bigint;
            begin
              select version into current from {{streams}} where id = actor for share;
              if current is distinct from expected then
                raise exception 'actor % is at version %, not %', actor, coalesce(current, 0), expected
                  using errcode = '{{ActorHeadMovedState}}';
              end if;
            end
            $f$;
            """));
        objects.Add(new StoredProcedure(Name("lock_actor_head"), $$"""
            create or replace procedure {{Schema}}.lock_actor_head(actor uuid, expected bigint)
            language plpgsql as $f$
            declare current bigint;
            begin
              select version into current from {{streams}} where id = actor for update;
              if coalesce(current, 0) <> expected then
                raise exception 'actor % is at version %, not %', actor, coalesce(current, 0), expected
                  using errcode = '{{ActorHeadMovedState}}';
              end if;
            end
            $f$;
            """));
        return objects;
    }
}
