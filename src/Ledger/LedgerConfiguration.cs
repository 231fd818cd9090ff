using Acgs.Ledger.Amendments;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Policies;
using Acgs.Ledger.Sealing;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using Weasel.Core;

namespace Acgs.Ledger;

public static class LedgerConfiguration
{
    public const string SchemaName = "acgs";

    public static StoreOptions ConfigureLedger(this StoreOptions options, string connectionString, LedgerClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        options.Connection(TuneConnection(connectionString));
        options.DatabaseSchemaName = SchemaName;
        options.Events.DatabaseSchemaName = SchemaName;

        // One serializer configuration for storage and hashing alike, so the data read back from
        // PostgreSQL canonicalises to exactly the payload that was signed (DESIGN §4.2).
        // (EnumStorage.AsString would add Marten's own enum converter, which writes "Admin" where the
        // signed payload says "admin"; the ledger's camelCase converter comes from LedgerJson.)
        options.UseSystemTextJsonForSerialization(EnumStorage.AsInteger, Casing.CamelCase, LedgerJson.ApplyTo);

        // Every stream and actor is identified by a UUID (DESIGN §2: one identity type).
        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        // Rich mode assigns versions and sequences before commit, so a seal can cover them (FACTS).
        options.Events.AppendMode = EventAppendMode.Rich;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.RegisterEventTypes();
        options.AddLedgerSchema();
        options.Listeners.Add(new SealingListener(clock));

        // The actor state every append is judged by, kept in the append's own transaction.
        options.Projections.Snapshot<ActorState>(SnapshotLifecycle.Inline);
        // The states governance decisions judge by, kept the same way.
        options.Projections.Snapshot<ConstitutionState>(SnapshotLifecycle.Inline);
        options.Projections.Snapshot<AmendmentState>(SnapshotLifecycle.Inline);
        options.Projections.Snapshot<PolicyState>(SnapshotLifecycle.Inline);
        return options;
    }

    // Every append runs the same few statements (the one-round-trip read, Marten's stream read and
    // batch, the seal triggers' inserts): prepared once per pooled connection, PostgreSQL stops
    // parsing and planning them per append, which was half its CPU for a sealed append (RESULTS.md).
    // A connection string that sets its own limit keeps it.
    public static string TuneConnection(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 64;
            settings.AutoPrepareMinUsages = 2;
        }
        return settings.ConnectionString;
    }
}
