using System.Text.Json;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Reads;
using Acgs.Ledger.Sealing;
using Microsoft.AspNetCore.Http.Features;
using Npgsql;

namespace Acgs.Api.Reads;

// The server's half of a signed read, in this order: the profile (fields, parameters, clock), the key
// (registered, its actor's current key, the actor not suspended), the signature, and last the nonce,
// so that no one but the key's holder can use up a nonce. Any error fails the read.
public sealed class ReadSignatureVerifier(
    ReadSettings settings,
    NpgsqlDataSource dataSource,
    VerifiedKeys keys,
    ReadNonces nonces,
    LedgerClock clock)
{
    public async Task<ReadRefusal?> VerifyAsync(HttpContext context, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var check = ReadSignatureProfile.Check(
            Field(context, ReadSignatureProfile.SignatureInputField),
            Field(context, ReadSignatureProfile.SignatureField),
            context.Request.Method,
            settings.PublicBaseUrl + rawTarget,
            clock.Now());
        if (check.Read is not { } read)
        {
            return check.Refusal;
        }

        await using var command = dataSource.CreateCommand(
            $"""
            select k.public_key, a.data::text
            from {LedgerSchema.Schema}.actor_keys k
            left join {LedgerSchema.Schema}.mt_doc_actorstate a on a.id = k.actor_id
            where k.key_id = $1
            """);
        command.Parameters.AddWithValue(read.KeyId.Value);
        string publicKey;
        ActorState? actor;
        await using (var reader = await command.ExecuteReaderAsync(token))
        {
            if (!await reader.ReadAsync(token))
            {
                return new ReadRefusal(ReadRefusalKind.UnknownKey, $"no actor has registered key {read.KeyId}");
            }
            publicKey = reader.GetString(0);
            actor = reader.IsDBNull(1) ? null : JsonSerializer.Deserialize<ActorState>(reader.GetString(1), LedgerJson.Options);
        }
        if (actor is null)
        {
            return new ReadRefusal(ReadRefusalKind.UnknownKey, $"no actor has registered key {read.KeyId}");
        }
        if (actor.KeyId != read.KeyId)
        {
            return new ReadRefusal(ReadRefusalKind.KeyNotActive, $"key {read.KeyId} is no longer actor {actor.Id}'s key");
        }
        if (actor.Suspended)
        {
            return new ReadRefusal(ReadRefusalKind.ActorSuspended, $"actor {actor.Id} is suspended");
        }
        if (!read.Verify(keys.Get(publicKey)))
        {
            return new ReadRefusal(ReadRefusalKind.BadSignature,
                $"the signature does not verify under key {read.KeyId} for {context.Request.Method} {settings.PublicBaseUrl}{rawTarget}");
        }
        return await nonces.TryUseAsync(read.Nonce, read.ReplayUntil, token)
            ? null
            : new ReadRefusal(ReadRefusalKind.Replayed, $"nonce {read.Nonce} has been used; sign each read anew");
    }

    // RFC 9110 §5.3: repeated field lines are one field value joined with ", ".
    private static string? Field(HttpContext context, string name) =>
        context.Request.Headers.TryGetValue(name, out var lines) && lines.Count > 0 ? string.Join(", ", lines.ToArray()) : null;
}
