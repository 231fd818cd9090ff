using Acgs.Ledger.Reads;
using Acgs.Ledger.Sealing;
using Npgsql;
using StackExchange.Redis;

namespace Acgs.Api.Reads;

// DESIGN §6: a read nonce is used once. Redis keeps them (SET NX with an expiry); while Redis is
// unreachable, PostgreSQL does — never neither: an error of the store in use fails the read. A
// nonce may come back for ReplayWindow after its first use, and only the store that recorded it
// knows it, so for that long after a switch (and after start-up, when this node cannot know what
// others did) a nonce is recorded in both and must be new to both. Nonces that only an unreachable
// Redis holds are out of reach: for up to ReplayWindow after Redis is lost, a replay of a read
// accepted just before cannot be recognised.
public sealed class ReadNonces(IConnectionMultiplexer redis, NpgsqlDataSource dataSource, LedgerClock clock, ILogger<ReadNonces> logger)
{
    public const string RedisKeyPrefix = "acgs:read-nonce:";

    private static readonly TimeSpan RedisTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromSeconds(60);
    private static readonly string Table = $"{LedgerSchema.Schema}.{LedgerSchema.ReadNoncesTable}";

    private readonly Lock gate = new();
    private bool onPostgres;
    private DateTimeOffset switchedAt = clock.Now();
    private DateTimeOffset nextCleanup = DateTimeOffset.MinValue;

    // True the first time a nonce is seen; false for a replay.
    public async Task<bool> TryUseAsync(string nonce, DateTimeOffset replayUntil, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        var now = clock.Now();
        // Whole seconds, rounded up, so the record outlives the last instant a replay could pass.
        var keep = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((replayUntil - now).TotalSeconds) + 1));
        if (redis.IsConnected && await TryRedisAsync(nonce, keep, token) is { } newToRedis)
        {
            return SwitchTo(postgres: false, now)
                ? newToRedis && await TryPostgresAsync(nonce, now + keep, now, token)
                : newToRedis;
        }
        SwitchTo(postgres: true, now);
        return await TryPostgresAsync(nonce, now + keep, now, token);
    }

    // Whether both stores are still to be checked.
    private bool SwitchTo(bool postgres, DateTimeOffset now)
    {
        lock (gate)
        {
            if (onPostgres != postgres)
            {
                onPostgres = postgres;
                switchedAt = now;
                logger.LogWarning("Read nonces are now kept in {Store}; both stores are checked for {Seconds} s",
                    postgres ? "PostgreSQL (Redis is unreachable)" : "Redis", ReadSignatureProfile.ReplayWindow.TotalSeconds);
            }
            return now - switchedAt < ReadSignatureProfile.ReplayWindow;
        }
    }

    private async Task<bool?> TryRedisAsync(string nonce, TimeSpan keep, CancellationToken token)
    {
        try
        {
            return await redis.GetDatabase().StringSetAsync(RedisKeyPrefix + nonce, 1, keep, When.NotExists)
                .WaitAsync(RedisTimeout, token);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning("Redis did not record a read nonce: {Reason}", exception.Message);
            return null;
        }
    }

    // A row past its expiry is a nonce no request can replay any more: taking it over is a first use.
    private async Task<bool> TryPostgresAsync(string nonce, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken token)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            insert into {Table} (nonce, expires_at) values ($1, $2)
            on conflict (nonce) do update set expires_at = excluded.expires_at where {Table}.expires_at <= $3
            """);
        command.Parameters.AddWithValue(nonce);
        command.Parameters.AddWithValue(expiresAt);
        command.Parameters.AddWithValue(now);
        var first = await command.ExecuteNonQueryAsync(token) == 1;
        await CleanUpAsync(now, token);
        return first;
    }

    private async Task CleanUpAsync(DateTimeOffset now, CancellationToken token)
    {
        lock (gate)
        {
            if (now < nextCleanup)
            {
                return;
            }
            nextCleanup = now + CleanupInterval;
        }
        await using var command = dataSource.CreateCommand($"delete from {Table} where expires_at <= $1");
        command.Parameters.AddWithValue(now);
        await command.ExecuteNonQueryAsync(token);
    }
}
