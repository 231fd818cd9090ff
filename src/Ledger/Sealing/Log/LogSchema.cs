using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Tables;

namespace Acgs.Ledger.Sealing.Log;

// The transparency log's tables (DESIGN §4.4, §4.6). None has a foreign key to Marten's tables
// (Marten's reset truncates those with CASCADE); leaves, nodes and checkpoints are append-only, as
// the database itself enforces.
public static class LogSchema
{
    public const string Schema = LedgerSchema.Schema;

    // pg_try_advisory_xact_lock key of the one sealer at a time: "acgs-log" as an integer.
    public const long SealerLockKey = 0x6163_6773_2D6C_6F67;

    private static readonly string[] AppendOnly = ["log_leaves", "log_nodes", "log_checkpoints"];

    public static IEnumerable<ISchemaObject> Objects()
    {
        var leaves = new Table(Name("log_leaves"));
        leaves.AddColumn<long>("leaf_index").AsPrimaryKey();
        leaves.AddColumn<long>("seq").NotNull().AddIndex(index => index.IsUnique = true);
        leaves.AddColumn<string>("event_hash").NotNull().AddIndex(index => index.IsUnique = true);
        yield return leaves;

        // Complete subtrees only (level k, index i covers leaves [i·2^k, (i+1)·2^k)): every proof is
        // one query for at most two nodes per level.
        var nodes = new Table(Name("log_nodes"));
        nodes.AddColumn<int>("level").AsPrimaryKey();
        nodes.AddColumn<long>("idx").AsPrimaryKey();
        nodes.AddColumn("hash", "bytea").NotNull();
        yield return nodes;

        var checkpoints = new Table(Name("log_checkpoints"));
        checkpoints.AddColumn<long>("tree_size").AsPrimaryKey();
        checkpoints.AddColumn<string>("root_hash").NotNull();
        checkpoints.AddColumn<string>("note").NotNull();
        checkpoints.AddColumn<DateTimeOffset>("signed_at").NotNull();
        // Written by the sealer, so that a time window's reads walk only the leaves that can hold it
        // (SealedEventReader): recorded_through is the latest recordedAt of any leaf below tree_size,
        // which never falls as the tree grows; added_earliest is the earliest recordedAt of the leaves
        // this checkpoint added to its predecessor's tree. Null on checkpoints signed before the
        // columns existed, which then bound nothing.
        checkpoints.AddColumn<DateTimeOffset>("recorded_through");
        checkpoints.AddColumn<DateTimeOffset>("added_earliest");
        checkpoints.Indexes.Add(new IndexDefinition("ix_log_checkpoints_recorded_through") { Columns = ["recorded_through", "tree_size"] });
        yield return checkpoints;

        // One row: the signed tree size is the fencing token every sealing transaction locks.
        var head = new Table(Name("log_head"));
        head.AddColumn<int>("id").AsPrimaryKey();
        head.AddColumn<long>("tree_size").NotNull();
        yield return head;

        var quarantine = new Table(Name("log_quarantine"));
        quarantine.AddColumn<long>("seq").AsPrimaryKey();
        quarantine.AddColumn<string>("reason").NotNull();
        quarantine.AddColumn<DateTimeOffset>("quarantined_at").NotNull();
        yield return quarantine;

        // The flat audit table reads are served from, paged by leaf index (DESIGN §4.6).
        var audit = new Table(Name("audit_events"));
        audit.AddColumn<long>("leaf_index").AsPrimaryKey();
        audit.AddColumn<long>("seq").NotNull();
        audit.AddColumn<Guid>("stream_id").NotNull();
        audit.AddColumn<long>("version").NotNull();
        audit.AddColumn<string>("type").NotNull();
        audit.AddColumn<Guid>("actor_id").NotNull();
        audit.AddColumn<DateTimeOffset>("recorded_at").NotNull();
        audit.AddColumn<string>("event_hash").NotNull();
        audit.Indexes.Add(new IndexDefinition("ix_audit_actor_leaf") { Columns = ["actor_id", "leaf_index"] });
        audit.Indexes.Add(new IndexDefinition("ix_audit_type_leaf") { Columns = ["type", "leaf_index"] });
        audit.Indexes.Add(new IndexDefinition("ix_audit_stream_leaf") { Columns = ["stream_id", "leaf_index"] });
        audit.Indexes.Add(new IndexDefinition("ix_audit_recorded_at") { Columns = ["recorded_at"], Method = IndexMethod.brin });
        yield return audit;

        yield return Function.ForSql($$"""
            create or replace function {{Schema}}.refuse_log_change() returns trigger language plpgsql as $f$
            begin
              raise exception '% on %.% refused: the log is append-only', tg_op, tg_table_schema, tg_table_name
                using errcode = '{{LedgerSchema.AppendOnlyState}}';
            end
            $f$;
            """);
        foreach (var table in AppendOnly)
        {
            yield return new GuardedTrigger($"acgs_{table}_append_only", table, "before update or delete", $"{Schema}.refuse_log_change()");
            yield return new GuardedTrigger($"acgs_{table}_no_truncate", table, "before truncate", $"{Schema}.refuse_log_change()");
        }
    }

    private static PostgresqlObjectName Name(string name) => new(Schema, name, SchemaUtils.IdentifierUsage.General);
}
