using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Marten;

namespace Acgs.Ledger.Sealing;

public sealed record ActContext(Submission Submission, ActorState Signer, IDocumentSession Session, Guid LedgerId, DateTimeOffset Now)
{
    // The target stream's actor state as read with the signer's (null: the stream is no actor), when
    // that read was made; a hint like any read before the append, which the act's lock and Marten's
    // version check confirm in the append's transaction.
    public ActorStateRead? Target { get; init; }
}

public sealed record ActorStateRead(ActorState? State);

// A statement to run inside the append transaction (a lock, a uniqueness row), with `?` placeholders.
public sealed record QueuedSql(string Sql, params object[] Parameters);

// A Wolverine message enrolled through the Marten outbox in the append's transaction: sent once the
// event commits, never if it does not (delivered at DeliverAt when given).
public sealed record OutboxMessage(object Message, DateTimeOffset? DeliverAt = null);

public sealed record ActOutcome(object? Event, SubmissionRejection? Rejection, IReadOnlyList<QueuedSql> Statements)
{
    public IReadOnlyList<OutboxMessage> Messages { get; init; } = [];

    public static ActOutcome Accept(object @event, params QueuedSql[] statements) => new(@event, null, statements);

    public static ActOutcome Reject(SubmissionRejection rejection) => new(null, rejection, []);
}

// One kind of governance act: the submission type it is signed as, the payload it carries, who may
// perform it and the decision that turns it into an event.
public interface IGovernanceAct
{
    string Type { get; }

    Type PayloadType { get; }

    // The payload as its typed record, refused unless it survives the record unchanged (DESIGN §4.2).
    bool TryReadPayload(JsonElement payload, [NotNullWhen(true)] out object? value, [NotNullWhen(false)] out JsonInputError? error);

    // Null when allowed; otherwise why the signer's roles do not allow it.
    string? Authorize(ActorState signer, Submission submission);

    Task<ActOutcome> DecideAsync(ActContext context, object payload, CancellationToken token);
}

public abstract class GovernanceAct<TPayload> : IGovernanceAct
    where TPayload : notnull
{
    public abstract string Type { get; }

    public Type PayloadType => typeof(TPayload);

    public bool TryReadPayload(JsonElement payload, [NotNullWhen(true)] out object? value, [NotNullWhen(false)] out JsonInputError? error)
    {
        var read = LedgerJson.TryDeserializeExact<TPayload>(payload, out var typed, out error);
        value = typed;
        return read;
    }

    public abstract string? Authorize(ActorState signer, Submission submission);

    public Task<ActOutcome> DecideAsync(ActContext context, object payload, CancellationToken token) =>
        DecideAsync(context, (TPayload)payload, token);

    protected abstract Task<ActOutcome> DecideAsync(ActContext context, TPayload payload, CancellationToken token);
}
