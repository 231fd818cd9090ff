using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Marten;

namespace Acgs.Ledger.Sealing;

// Enrolls a session in Wolverine's Marten outbox so that messages are stored in the append's own
// transaction (DESIGN §5: the deadline timer is enrolled with the proposal). The returned scope owns
// the outbox and must outlive SaveChangesAsync, which is when the messages are persisted and, after
// commit, released.
public sealed class OutboxEnlistment(IServiceScopeFactory scopes)
{
    public async Task<IAsyncDisposable?> EnrollAsync(IDocumentSession session, IReadOnlyList<OutboxMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return null;
        }
        var scope = scopes.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IMartenOutbox>();
        outbox.Enroll(session);
        foreach (var message in messages)
        {
            if (message.DeliverAt is { } at)
            {
                await outbox.ScheduleAsync(message.Message, at);
            }
            else
            {
                await outbox.PublishAsync(message.Message);
            }
        }
        return scope;
    }
}
