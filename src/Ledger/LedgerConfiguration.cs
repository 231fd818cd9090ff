using System.Text.Json.Serialization;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Weasel.Core;

namespace Acgs.Ledger;

public static class LedgerConfiguration
{
    public const string SchemaName = "acgs";

    public static StoreOptions ConfigureLedger(this StoreOptions options, string connectionString, LedgerClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        options.Connection(connectionString);
        options.DatabaseSchemaName = SchemaName;
        options.Events.DatabaseSchemaName = SchemaName;

        // One serializer configuration for storage and hashing alike, so the data read back from
        // PostgreSQL canonicalises to exactly the payload that was signed (DESIGN §4.2). Marten's
        // EnumStorage.AsString swaps every string-enum converter for its own, which writes members as
        // declared ("Admin", not the signed "admin"); the ledger's converters are put back after it.
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, json =>
        {
            foreach (var converter in json.Converters.Where(c => c is JsonStringEnumConverter or LedgerTimestampConverter).ToList())
            {
                json.Converters.Remove(converter);
            }
            LedgerJson.ApplyTo(json);
        });

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
        return options;
    }
}
