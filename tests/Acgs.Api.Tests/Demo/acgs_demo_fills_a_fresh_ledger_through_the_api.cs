using System.Runtime.Versioning;
using System.Text.Json;
using Acgs.Api.Tests.Audit;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity.Verification;

namespace Acgs.Api.Tests.Demo;

// `acgs demo` against a ledger of its own (its own database and host): a fresh genesis with one
// principle, filled through the public API, then read back with `acgs audit` and `acgs constitution`
// and verified. The story runs once (one host start); each fact about it is checked in this test.
[UnsupportedOSPlatform("windows")]
public sealed class acgs_demo_fills_a_fresh_ledger_through_the_api : IAsyncLifetime
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("acgs-demo-cli-");
    private LedgerHost host = null!;

    private string Url => host.Client.BaseAddress!.ToString();

    private string Keys => Path.Combine(folder.FullName, "keys");

    public async Task InitializeAsync()
    {
        var postgres = await TestEnvironment.RecreateDatabaseAsync(TestEnvironment.DatabaseName("acgs_test_demo"));
        host = await LedgerHost.StartAsync(postgres, TestEnvironment.Redis);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        folder.Delete(recursive: true);
    }

    private Task<CliResult> DemoAsync(string keysDirectory) =>
        AcgsCli.RunAsync("demo", "--url", Url, "--genesis", Path.Combine(host.Ledger.Directory, "genesis.json"),
            "--admin-key", KeyFiles.Create(Path.Combine(folder.FullName, "admin-" + Path.GetFileName(keysDirectory)), host.Ledger.AdminKey).PrivateKeyPath,
            "--keys-dir", keysDirectory);

    [Fact]
    public async Task the_demo_writes_the_whole_story_and_the_verifier_finds_nothing()
    {
        var demo = await DemoAsync(Keys);

        demo.ExitCode.ShouldBe(0, demo.ToString());
        demo.Value("amendments").ShouldBe("3 ratified, 1 rejected, 1 withdrawn");
        demo.Value("constitution").ShouldBe("version 4, 12 principles");
        demo.Value("policies").ShouldBe("6 (1 synthesized, 1 verified and compiled, 2 active, 1 superseded, 1 revoked)");

        // Every act is in the sealed audit trail, the System's decisions included.
        var audit = new AuditReads(host);
        await audit.WaitUntilSealedAsync();
        var trail = await audit.WalkAsync("/v1/audit/events", 1000);
        var byType = trail.GroupBy(AuditReads.Type).ToDictionary(group => group.Key, group => group.Count());
        byType[EventTypes.ActorRegistered].ShouldBe(2 + 8);
        byType[EventTypes.AmendmentProposed].ShouldBe(5);
        byType[EventTypes.AmendmentRatified].ShouldBe(3);
        byType[EventTypes.ConstitutionAmended].ShouldBe(3);
        byType[EventTypes.AmendmentRejected].ShouldBe(1);
        byType[EventTypes.AmendmentWithdrawn].ShouldBe(1);
        byType[EventTypes.PolicySynthesized].ShouldBe(7);
        byType[EventTypes.PolicyVerificationRecorded].ShouldBe(6);
        byType[EventTypes.PolicyCompiled].ShouldBe(5);
        byType[EventTypes.PolicyActivated].ShouldBe(4);
        byType[EventTypes.PolicySuperseded].ShouldBe(1);
        byType[EventTypes.PolicyRevoked].ShouldBe(1);
        demo.Value("events").ShouldBe($"{trail.Count - 4 - 8} signed acts and 8 System acts");

        // The keys are the user's to go on with: private files 0600, actors.json naming each.
        var actors = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Keys, "actors.json"))).RootElement;
        actors.GetArrayLength().ShouldBe(8);
        foreach (var actor in actors.EnumerateArray())
        {
            File.GetUnixFileMode(actor.GetProperty("key").GetString()!).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var auditorKey = demo.Value("auditor key");
        var ratifications = await AcgsCli.RunAsync("audit", "--url", Url, "--key", auditorKey, "--type", EventTypes.AmendmentRatified);
        ratifications.ExitCode.ShouldBe(0, ratifications.ToString());
        ratifications.Output.ShouldContain("3 events");

        // Time travel: before the first ratification the constitution was the genesis one.
        var asOf = demo.Output.Split('\n').Single(line => line.Contains("--as-of", StringComparison.Ordinal)).Split("--as-of ")[1].Trim();
        var before = await AcgsCli.RunAsync("constitution", "--url", Url, "--key", auditorKey, "--as-of", asOf, "--json");
        var now = await AcgsCli.RunAsync("constitution", "--url", Url, "--key", auditorKey);
        var second = await AcgsCli.RunAsync("constitution", "--url", Url, "--key", auditorKey, "--version", "2", "--json");
        before.ExitCode.ShouldBe(0, before.ToString());
        JsonDocument.Parse(before.Output).RootElement.GetProperty("version").GetInt32().ShouldBe(1);
        JsonDocument.Parse(before.Output).RootElement.GetProperty("principles").GetArrayLength().ShouldBe(1);
        now.ExitCode.ShouldBe(0, now.ToString());
        now.Output.ShouldContain("version 4");
        now.Output.ShouldContain("P3    Explainability           2");
        now.Output.ShouldContain("quorum 3, approval 2/3");
        JsonDocument.Parse(second.Output).RootElement.GetProperty("version").GetInt32().ShouldBe(2);

        // Everything the demo wrote verifies, once the sealer has logged it.
        var report = await new LedgerVerifier(host.Rows.DataSource).VerifyAsync(new VerificationOptions());
        report.Findings.ShouldBeEmpty();
        report.Clean.ShouldBeTrue();

        // A second run refuses the ledger that is no longer fresh, before writing anything.
        var again = await DemoAsync(Path.Combine(folder.FullName, "again"));
        again.ExitCode.ShouldBe(2, again.ToString());
        again.Error.ShouldContain("fresh ledger only");
        (await audit.WalkAsync("/v1/audit/events", 1000)).Count.ShouldBe(trail.Count);
        Directory.Exists(Path.Combine(folder.FullName, "again")).ShouldBeFalse();
    }
}
