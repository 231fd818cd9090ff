using Acgs.Ledger.Sealing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Acgs.Api.Health;

// The database half of the choke point: without both triggers enabled, an unsealed row could land
// or a sealed one could miss the log queue, so the ledger is not ready (DESIGN §4.3).
public sealed class SealTriggersHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    private static readonly string[] Required = [LedgerSchema.RequireSealTrigger, LedgerSchema.QueueSealedTrigger];

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand(
                """
                select t.tgname from pg_trigger t
                join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = $1 and c.relname = 'mt_events' and t.tgenabled <> 'D'
                """);
            command.Parameters.AddWithValue(LedgerSchema.Schema);
            var enabled = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    enabled.Add(reader.GetString(0));
                }
            }
            var missing = Required.Where(name => !enabled.Contains(name)).ToList();
            return missing.Count == 0
                ? HealthCheckResult.Healthy("seal triggers enabled")
                : HealthCheckResult.Unhealthy($"seal triggers missing or disabled on mt_events: {string.Join(", ", missing)}");
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"seal triggers cannot be checked: {exception.Message}");
        }
    }
}
