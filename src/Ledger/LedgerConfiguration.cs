using JasperFx.Events;
using Marten;

namespace Acgs.Ledger;

public static class LedgerConfiguration
{
    public const string SchemaName = "acgs";

    public static StoreOptions ConfigureLedger(this StoreOptions options, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        options.Connection(connectionString);
        options.DatabaseSchemaName = SchemaName;
        options.Events.DatabaseSchemaName = SchemaName;
        // Every stream and actor is identified by a UUID (DESIGN §2: one identity type).
        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        // Rich mode assigns versions and sequences before commit, so a seal can cover them (FACTS).
        options.Events.AppendMode = EventAppendMode.Rich;
        options.Events.MetadataConfig.HeadersEnabled = true;
        return options;
    }
}
