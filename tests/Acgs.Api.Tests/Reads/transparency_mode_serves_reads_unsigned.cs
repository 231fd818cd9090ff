using System.Net;
using Acgs.Api.Integrity;
using Acgs.Api.Tests.Infrastructure;

namespace Acgs.Api.Tests.Reads;

// Acgs:Reads:Public=true: the operator publishes the ledger, and reads need no signature.
public sealed class transparency_mode_serves_reads_unsigned
{
    [Fact]
    public async Task an_unsigned_read_is_served()
    {
        var postgres = await TestEnvironment.RecreateDatabaseAsync(TestEnvironment.DatabaseName("acgs_test_api_public_reads"));
        await using var host = await LedgerHost.StartAsync(postgres, TestEnvironment.Redis, publicReads: true);

        var report = await host.UnsignedClient.GetAsync(IntegrityApi.ReportPath);
        var unknownEvent = await host.UnsignedClient.GetAsync($"/v1/events/{new string('0', 64)}");

        await report.ShouldBeProblemAsync(HttpStatusCode.NotFound, "no-integrity-report");
        await unknownEvent.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }
}
