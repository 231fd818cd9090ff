using System.Runtime.Versioning;
using System.Text.Json;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Identity;

namespace Acgs.Api.Tests.Audit;

// `acgs audit` end to end: a key file on disk, signed reads of /v1/audit/events over the real socket,
// the table, the ledger's JSON page and NDJSON across every page.
[Collection(LedgerHostCollection.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class acgs_audit_lists_the_trail_page_by_page(LedgerHostFixture fixture) : IDisposable
{
    private const int Seeded = 5;

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("acgs-audit-cli-");
    private readonly AuditReads audit = new(fixture.Host);
    private string? adminKey;

    public void Dispose() => folder.Delete(recursive: true);

    private string Url => fixture.Host.Client.BaseAddress!.ToString();

    private string AdminKey => adminKey ??= KeyFile("admin", fixture.Host.Ledger.AdminKey);

    private string KeyFile(string name, SigningKey key) => KeyFiles.Create(Path.Combine(folder.FullName, name), key).PrivateKeyPath;

    private Task<CliResult> AuditAsync(params string[] arguments) => AcgsCli.RunAsync(["audit", "--url", Url, "--key", AdminKey, .. arguments]);

    [Fact]
    public async Task the_table_lists_an_actors_events_in_leaf_order()
    {
        var (actorId, streams) = await audit.SeedAsync(Seeded, 1);
        var expected = await audit.WalkAsync($"/v1/audit/events?actor={actorId}", 100);

        var result = await AuditAsync("--actor", actorId.ToString());

        result.ExitCode.ShouldBe(0, result.ToString());
        var rows = result.Output.Split('\n').Where(line => streams.Any(stream => line.Contains(stream.ToString(), StringComparison.Ordinal))).ToList();
        rows.Count.ShouldBe(Seeded);
        rows.Select(row => long.Parse(row.Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(expected.Select(AuditReads.Leaf));
        result.Output.ShouldContain("recordedAt");
        result.Output.ShouldContain($"{Seeded} events");
    }

    [Fact]
    public async Task json_is_the_ledgers_own_page()
    {
        var (actorId, _) = await audit.SeedAsync(Seeded, 1);

        var result = await AuditAsync("--actor", actorId.ToString(), "--limit", "2", "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var page = JsonDocument.Parse(result.Output);
        page.RootElement.GetProperty("items").GetArrayLength().ShouldBe(2);
        page.RootElement.GetProperty("nextCursor").GetString().ShouldNotBeNull();
    }

    [Fact]
    public async Task all_follows_every_cursor_and_writes_one_event_per_line()
    {
        var (actorId, streams) = await audit.SeedAsync(Seeded, 1);

        var result = await AuditAsync("--actor", actorId.ToString(), "--limit", "2", "--all", "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        lines.Select(AuditReads.Stream).ShouldBe(streams);
        lines.Select(AuditReads.Leaf).ShouldBeInOrder(SortDirection.Ascending);
        lines.ShouldAllBe(line => AuditReads.Actor(line) == actorId);
    }

    [Fact]
    public async Task all_as_a_table_shows_every_page_under_one_header()
    {
        var (actorId, streams) = await audit.SeedAsync(Seeded, 1);

        var result = await AuditAsync("--actor", actorId.ToString(), "--type", EventTypes.ActorRolesChanged, "--limit", "2", "--all");
        var everything = await AuditAsync("--stream", streams[^1].ToString(), "--limit", "1", "--all");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("0 events");
        everything.ExitCode.ShouldBe(0, everything.ToString());
        everything.Output.Split('\n').Count(line => line.Contains("recordedAt", StringComparison.Ordinal)).ShouldBe(1);
        everything.Output.ShouldContain($"{(await audit.WalkAsync($"/v1/audit/events?stream={streams[^1]}", 100)).Count} event");
        everything.Output.ShouldNotContain("--cursor");
    }

    [Theory]
    [InlineData("--actor", "not-a-uuid")]
    [InlineData("--stream", "0190F5E27A3C7B419D2E5C8F1A6B3D40X")]
    [InlineData("--type", "amendment-passed")]
    [InlineData("--from", "2026-03-01")]
    [InlineData("--to", "2026-02-30T00:00:00.000Z")]
    [InlineData("--limit", "0")]
    [InlineData("--limit", "1001")]
    [InlineData("--cursor", "a cursor?")]
    public async Task unusable_arguments_exit_2_before_anything_is_read(string option, string value)
    {
        var result = await AuditAsync(option, value);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain(option);
        result.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task from_after_to_exits_2()
    {
        var result = await AuditAsync("--from", "2026-03-02T00:00:00.000Z", "--to", "2026-03-01T00:00:00.000Z");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("--from is later than --to");
    }

    [Fact]
    public async Task a_read_signed_by_an_unknown_key_is_refused_with_the_ledgers_problem()
    {
        using var stranger = SigningKey.Generate();

        var result = await AcgsCli.RunAsync("audit", "--url", Url, "--key", KeyFile("stranger", stranger));

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldContain("401");
        result.Error.ShouldContain("urn:acgs:problem:read-");
        result.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task an_unreadable_key_file_exits_2()
    {
        var result = await AcgsCli.RunAsync("audit", "--url", Url, "--key", Path.Combine(folder.FullName, "missing.key"));

        result.ExitCode.ShouldBe(2, result.ToString());
    }
}
