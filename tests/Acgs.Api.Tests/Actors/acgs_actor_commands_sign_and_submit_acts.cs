using System.Runtime.Versioning;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;

namespace Acgs.Api.Tests.Actors;

// The CLI end to end: key files on disk, the command's own signing, the real host over its socket.
[Collection(LedgerHostCollection.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class acgs_actor_commands_sign_and_submit_acts : IDisposable
{
    private readonly LedgerHost host;
    private readonly Submitter submitter;
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("acgs-actor-cli-");
    private readonly string adminKey;

    public acgs_actor_commands_sign_and_submit_acts(LedgerHostFixture fixture)
    {
        host = fixture.Host;
        submitter = new Submitter(host);
        adminKey = KeyFiles.Create(Path.Combine(folder.FullName, "admin"), host.Ledger.AdminKey).PrivateKeyPath;
    }

    public void Dispose() => folder.Delete(recursive: true);

    private string Url => host.Client.BaseAddress!.ToString();

    private string LedgerId => host.Ledger.LedgerId.ToString();

    private string AdminId => host.Ledger.AdminId.ToString();

    private string NewKeyFile(string name)
    {
        using var key = SigningKey.Generate();
        return KeyFiles.Create(Path.Combine(folder.FullName, name), key).PrivateKeyPath;
    }

    [Fact]
    public async Task an_actor_registered_from_the_genesis_file_rotates_its_own_key()
    {
        var actorId = Guid.CreateVersion7();
        var aliceKey = NewKeyFile("alice");
        var nextKey = NewKeyFile("alice-next");

        var registered = await AcgsCli.RunAsync("actor", "register", "--url", Url,
            "--genesis", Path.Combine(host.Ledger.Directory, "genesis.json"), "--as", AdminId, "--key", adminKey,
            "--new-key", aliceKey, "--name", "Alice", "--role", "council", "--role", "auditor", "--actor-id", actorId.ToString());

        registered.ExitCode.ShouldBe(0, registered.ToString());
        registered.Value("actorId").ShouldBe(actorId.ToString());
        registered.Value("streamId").ShouldBe(actorId.ToString());
        registered.Value("version").ShouldBe("1");
        var eventHash = registered.Value("eventHash");
        LedgerTimestamp.TryParse(registered.Value("recordedAt"), out var recordedAt).ShouldBeTrue();
        new Receipt(host.Ledger.LedgerId, eventHash, actorId, 1, recordedAt)
            .VerifySignature(host.Ledger.LedgerKey.PublicKey, registered.Value("receipt")).ShouldBeTrue();

        var rotated = await AcgsCli.RunAsync("actor", "rotate-key", "--url", Url, "--ledger-id", LedgerId,
            "--actor", actorId.ToString(), "--key", aliceKey, "--new-key", nextKey, "--expected-version", "1");

        rotated.ExitCode.ShouldBe(0, rotated.ToString());
        rotated.Value("version").ShouldBe("2");

        var withOldKey = await AcgsCli.RunAsync("actor", "rotate-key", "--url", Url, "--ledger-id", LedgerId,
            "--actor", actorId.ToString(), "--key", aliceKey, "--new-key", NewKeyFile("alice-other"), "--expected-version", "2");

        withOldKey.ExitCode.ShouldBe(1, withOldKey.ToString());
        withOldKey.Error.ShouldContain("urn:acgs:problem:key-not-active");
        withOldKey.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task an_admin_suspends_and_reinstates_an_actor_at_the_versions_it_names()
    {
        var (actorId, key) = await submitter.RegisterAsync(Role.Proposer);
        key.Dispose();
        string[] Act(string command, long expectedVersion, string reason) =>
            ["actor", command, "--url", Url, "--ledger-id", LedgerId, "--as", AdminId, "--key", adminKey,
             "--actor", actorId.ToString(), "--reason", reason, "--expected-version", expectedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)];

        var suspended = await AcgsCli.RunAsync(Act("suspend", 1, "key material found in a public repository"));
        var again = await AcgsCli.RunAsync(Act("suspend", 2, "twice"));
        var stale = await AcgsCli.RunAsync(Act("reinstate", 1, "read an old version"));
        var reinstated = await AcgsCli.RunAsync(Act("reinstate", 2, "key replaced"));

        suspended.ExitCode.ShouldBe(0, suspended.ToString());
        suspended.Value("version").ShouldBe("2");
        again.ExitCode.ShouldBe(1, again.ToString());
        again.Error.ShouldContain("urn:acgs:problem:rule-violated");
        again.Error.ShouldContain("already suspended");
        stale.ExitCode.ShouldBe(1, stale.ToString());
        stale.Error.ShouldContain("urn:acgs:problem:version-conflict");
        reinstated.ExitCode.ShouldBe(0, reinstated.ToString());
        reinstated.Value("version").ShouldBe("3");
    }

    [Fact]
    public async Task a_lost_key_is_replaced_by_two_admins_and_the_new_key_signs()
    {
        var (actorId, lostKey) = await submitter.RegisterAsync(Role.Proposer);
        lostKey.Dispose();
        var (secondAdminId, secondAdminSigningKey) = await submitter.RegisterAsync(Role.Admin);
        string secondAdminKey;
        using (secondAdminSigningKey)
        {
            secondAdminKey = KeyFiles.Create(Path.Combine(folder.FullName, "second-admin"), secondAdminSigningKey).PrivateKeyPath;
        }
        var replacementKey = NewKeyFile("replacement");
        string[] Change(string command, string admin, string key, long expectedVersion, params string[] options) =>
            ["actor", command, "--url", Url, "--ledger-id", LedgerId, "--as", admin, "--key", key, "--actor", actorId.ToString(),
             "--expected-version", expectedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), .. options];

        var proposed = await AcgsCli.RunAsync(Change("propose-reset", AdminId, adminKey, 1, "--new-key", replacementKey, "--reason", "laptop lost"));
        proposed.ExitCode.ShouldBe(0, proposed.ToString());
        var approved = await AcgsCli.RunAsync(Change("approve-reset", secondAdminId.ToString(), secondAdminKey, 2, "--reset-id", proposed.Value("resetId")));
        var roles = await AcgsCli.RunAsync(Change("roles", AdminId, adminKey, 3, "--role", "proposer", "--role", "verifier"));
        var rotated = await AcgsCli.RunAsync("actor", "rotate-key", "--url", Url, "--ledger-id", LedgerId,
            "--actor", actorId.ToString(), "--key", replacementKey, "--new-key", NewKeyFile("after-reset"), "--expected-version", "4");

        approved.ExitCode.ShouldBe(0, approved.ToString());
        approved.Value("version").ShouldBe("3");
        roles.ExitCode.ShouldBe(0, roles.ToString());
        roles.Value("version").ShouldBe("4");
        rotated.ExitCode.ShouldBe(0, rotated.ToString());
        rotated.Value("version").ShouldBe("5");
    }
}
