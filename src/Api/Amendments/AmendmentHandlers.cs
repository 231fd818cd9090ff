using System.Text.Json;
using Acgs.Ledger.Amendments;
using Acgs.Ledger.Amendments.Deciding;
using Acgs.Ledger.Integrity;
using Prometheus;
using StackExchange.Redis;

namespace Acgs.Api.Amendments;

// Durable local-queue handlers: a message is only a reason to judge the amendment again; the
// evaluator decides from the sealed events, so a duplicate or late delivery changes nothing.
public static class EvaluateAmendmentHandler
{
    private static readonly Counter Decided = Metrics.CreateCounter("acgs_amendments_decided_total",
        "Amendments the System actor decided on this node, by outcome (ratified, rejected).",
        new CounterConfiguration { LabelNames = ["outcome"] });

    public static async Task Handle(EvaluateAmendment message, AmendmentEvaluator evaluator, CancellationToken token)
    {
        var evaluation = await evaluator.EvaluateAsync(message.AmendmentId, token);
        if (evaluation.DecidedNow)
        {
            Decided.WithLabels(evaluation.Status.ToString().ToLowerInvariant()).Inc();
        }
    }
}

// Fans a ratification out to subscribers on every node (DESIGN §7: Redis pub/sub, never the record).
// A failure is retried by Wolverine from the durable queue.
public static class AmendmentRatifiedNotificationHandler
{
    public const string Channel = "acgs:notifications";

    public static async Task Handle(AmendmentRatifiedNotification notification, IConnectionMultiplexer redis)
    {
        var message = JsonSerializer.Serialize(new { type = "amendment-ratified", notification.AmendmentId, notification.ConstitutionId, notification.ConstitutionVersion }, LedgerJson.Options);
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(Channel), message);
    }
}
