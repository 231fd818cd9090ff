using System.Data.Common;
using DbCommandBuilder = Weasel.Core.DbCommandBuilder;
using Weasel.Core;
using Weasel.Postgresql;

namespace Acgs.Ledger.Sealing;

// A trigger as a Weasel schema object: found by name in pg_trigger, created when missing (and its
// table exists), so migrations create and keep it. Weasel's own Trigger writes a DROP against the
// table even before the table exists, which fails on an empty database (Marten creates mt_events
// after extended schema objects); this one guards both statements.
internal sealed class GuardedTrigger(string name, string table, string when, string functionCall) : ISchemaObject
{
    private readonly string qualifiedTable = $"{LedgerSchema.Schema}.{table}";

    public DbObjectName Identifier { get; } = new PostgresqlObjectName(LedgerSchema.Schema, name, SchemaUtils.IdentifierUsage.General);

    public string CreateSql() =>
        $"""
        DO $guard$ BEGIN IF to_regclass('{qualifiedTable}') IS NOT NULL THEN
          CREATE OR REPLACE TRIGGER {name} {when} ON {qualifiedTable} {(when.Contains("truncate", StringComparison.Ordinal) ? "FOR EACH STATEMENT" : "FOR EACH ROW")} EXECUTE FUNCTION {functionCall};
        END IF; END $guard$;
        """;

    public void WriteCreateStatement(Migrator migrator, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(CreateSql());
    }

    public void WriteDropStatement(Migrator rules, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine($"DO $guard$ BEGIN IF to_regclass('{qualifiedTable}') IS NOT NULL THEN");
        writer.WriteLine($"  DROP TRIGGER IF EXISTS {name} ON {qualifiedTable};");
        writer.WriteLine("END IF; END $guard$;");
    }

    public void ConfigureQueryCommand(DbCommandBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append(
            $"""
            select t.tgname from pg_trigger t
            join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = '{LedgerSchema.Schema}' and c.relname = '{table}' and t.tgname = '{name}';
            """);
    }

    public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var exists = await reader.ReadAsync(ct);
        return new SchemaObjectDelta(this, exists ? SchemaPatchDifference.None : SchemaPatchDifference.Create);
    }

    public IEnumerable<DbObjectName> AllNames()
    {
        yield return Identifier;
    }
}
