using System.Runtime.Versioning;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Identity;

namespace Acgs.Api.Tests.Demo;

// Input the commands cannot use is refused with exit 2 before anything is read or written.
[Collection(LedgerHostCollection.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class acgs_demo_and_constitution_refuse_unusable_input(LedgerHostFixture fixture) : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("acgs-demo-input-");

    public void Dispose() => folder.Delete(recursive: true);

    private string Url => fixture.Host.Client.BaseAddress!.ToString();

    private string AdminKey(string name) => KeyFiles.Create(Path.Combine(folder.FullName, name), fixture.Host.Ledger.AdminKey).PrivateKeyPath;

    [Theory]
    [InlineData("--version", "0")]
    [InlineData("--as-of", "yesterday")]
    [InlineData("--as-of", "2026-03-01T09:30:00Z")]
    public async Task constitution_arguments_it_cannot_use_exit_2(string option, string value)
    {
        var result = await AcgsCli.RunAsync("constitution", "--url", Url, "--key", AdminKey("admin"), option, value);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain(option);
        result.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task constitution_takes_a_version_or_an_instant_not_both()
    {
        var result = await AcgsCli.RunAsync("constitution", "--url", Url, "--key", AdminKey("admin"), "--version", "1",
            "--as-of", "2026-03-01T09:30:00.000Z");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("not both");
    }

    [Fact]
    public async Task demo_refuses_a_keys_folder_that_holds_files_and_writes_nothing()
    {
        var keys = Directory.CreateDirectory(Path.Combine(folder.FullName, "keys"));
        await File.WriteAllTextAsync(Path.Combine(keys.FullName, "notes.txt"), "mine");

        var result = await AcgsCli.RunAsync("demo", "--url", Url, "--genesis", Path.Combine(fixture.Host.Ledger.Directory, "genesis.json"),
            "--admin-key", AdminKey("admin"), "--keys-dir", keys.FullName);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("not empty");
        keys.GetFileSystemInfos().Select(entry => entry.Name).ShouldBe(["notes.txt"]);
    }

    [Fact]
    public async Task demo_refuses_a_ledger_that_holds_more_than_its_genesis()
    {
        await new Submitter(fixture.Host).RegisterAsync(Acgs.Ledger.Identity.Actors.Role.Auditor);
        await new Audit.AuditReads(fixture.Host).WaitUntilSealedAsync();
        var keys = Path.Combine(folder.FullName, "keys");

        var result = await AcgsCli.RunAsync("demo", "--url", Url, "--genesis", Path.Combine(fixture.Host.Ledger.Directory, "genesis.json"),
            "--admin-key", AdminKey("admin"), "--keys-dir", keys);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("fresh ledger only");
        Directory.Exists(keys).ShouldBeFalse();
    }

    [Fact]
    public async Task demo_refuses_a_genesis_file_that_is_not_one()
    {
        var genesis = Path.Combine(folder.FullName, "genesis.json");
        await File.WriteAllTextAsync(genesis, "{\"ledgerCreated\": 1}");

        var result = await AcgsCli.RunAsync("demo", "--url", Url, "--genesis", genesis, "--admin-key", AdminKey("admin"));

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain(genesis);
    }
}
