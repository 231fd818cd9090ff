using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Acgs.Api.Health;

// Redis only holds nonces, rate limits, caches and notifications, each with a fallback or a cost in
// speed only: its loss degrades the ledger but never makes it unready.
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConnected)
        {
            return HealthCheckResult.Degraded("Redis unreachable: not connected");
        }
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"Redis answers in {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded($"Redis unreachable: {exception.Message}");
        }
    }
}
