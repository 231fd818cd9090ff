using System.Net;
using System.Text.Json;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Sealing;

namespace Acgs.Api.Tests.Health;

// DESIGN §4.3: without both seal triggers the database no longer backs the choke point, so the
// ledger must not report itself ready. The trigger is disabled on the shared test database for as
// short a time as the check takes; tests of one collection never run at the same time.
[Collection(LedgerHostCollection.Name)]
public sealed class ready_fails_while_a_seal_trigger_is_disabled(LedgerHostFixture fixture)
{
    public static TheoryData<string> Triggers => new(LedgerSchema.RequireSealTrigger, LedgerSchema.QueueSealedTrigger);

    [Theory]
    [MemberData(nameof(Triggers))]
    public async Task ready_is_503_naming_the_trigger_then_200_once_it_is_enabled_again(string trigger)
    {
        var client = fixture.Host.Client;
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        HttpResponseMessage down;
        await SetTriggerAsync(trigger, enabled: false);
        try
        {
            down = await client.GetAsync("/health/ready");
        }
        finally
        {
            await SetTriggerAsync(trigger, enabled: true);
        }

        down.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        using (var report = JsonDocument.Parse(await down.Content.ReadAsStringAsync()))
        {
            var check = report.RootElement.GetProperty("checks").GetProperty("seal-triggers");
            check.GetProperty("status").GetString().ShouldBe("Unhealthy");
            check.GetProperty("description").GetString()!.ShouldContain(trigger);
        }
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task SetTriggerAsync(string trigger, bool enabled)
    {
        await using var command = fixture.Host.Rows.DataSource.CreateCommand(
            $"alter table {LedgerSchema.Schema}.mt_events {(enabled ? "enable" : "disable")} trigger {trigger}");
        await command.ExecuteNonQueryAsync();
    }
}
