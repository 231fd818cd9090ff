using System.Globalization;
using System.Runtime.Versioning;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Policies;

namespace Acgs.Api.Tests.Policies;

// The CLI end to end: key and source files on disk, the commands' own hashing and signing, the real
// host over its socket.
[Collection(LedgerHostCollection.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class acgs_policy_commands_sign_and_submit_acts(LedgerHostFixture fixture) : IAsyncLifetime
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("acgs-policy-cli-");
    private PolicyScenario scenario = null!;

    private LedgerHost Host => fixture.Host;

    public async Task InitializeAsync() => scenario = await PolicyScenario.CreateAsync(Host);

    public Task DisposeAsync()
    {
        scenario.Dispose();
        folder.Delete(recursive: true);
        return Task.CompletedTask;
    }

    // Written once per actor: key files are never overwritten.
    private string KeyFile((Guid ActorId, SigningKey Key) actor)
    {
        var name = Path.Combine(folder.FullName, actor.ActorId.ToString());
        var path = name + KeyFiles.PrivateKeyExtension;
        return File.Exists(path) ? path : KeyFiles.Create(name, actor.Key).PrivateKeyPath;
    }

    private string SourceFile(string name, byte[] content)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private string[] Act(string command, (Guid ActorId, SigningKey Key) signer, params string[] options) =>
        ["policy", command, "--url", Host.Client.BaseAddress!.ToString(), "--genesis", Path.Combine(Host.Ledger.Directory, "genesis.json"),
         "--as", signer.ActorId.ToString(), "--key", KeyFile(signer), .. options];

    private static string[] On(string policyId, long expectedVersion, params string[] options) =>
        ["--policy", policyId, "--expected-version", expectedVersion.ToString(CultureInfo.InvariantCulture), .. options];

    private static string[] Synthesis(string amendmentId, string source) =>
        ["--amendment", amendmentId, "--source", source, "--name", "transparency", "--generator", "acgs-gs", "--generator-version", "2.1.0"];

    private string[] Verification(string sourceHash, string verdict) =>
        ["--source-hash", sourceHash, "--verdict", verdict, "--property", "every act is signed", "--property", "no act bypasses the Council",
         "--tool", "z3", "--tool-version", "4.13.0", "--artifact-hash", PolicyScenario.ArtifactHash];

    [Fact]
    public async Task a_policy_is_synthesized_verified_resynthesized_compiled_activated_and_revoked()
    {
        var amendmentId = (await scenario.RatifiedAmendmentAsync()).ToString();
        var source = SourceFile("policy.rego", System.Text.Encoding.UTF8.GetBytes(PolicyScenario.Source));
        var fixedSource = SourceFile("fixed.rego", System.Text.Encoding.UTF8.GetBytes(PolicyScenario.FixedSource));

        var synthesized = await AcgsCli.RunAsync(Act("synthesize", scenario.Synthesizer, Synthesis(amendmentId, source)));
        synthesized.ExitCode.ShouldBe(0, synthesized.ToString());
        var policyId = synthesized.Value("policyId");
        synthesized.Value("sourceHash").ShouldBe(PolicyScenario.HashOf(PolicyScenario.Source));
        synthesized.Value("streamId").ShouldBe(policyId);
        synthesized.Value("version").ShouldBe("1");

        var failed = await AcgsCli.RunAsync(Act("verify", scenario.Verifier, On(policyId, 1, Verification(synthesized.Value("sourceHash"), "failed"))));
        var resynthesized = await AcgsCli.RunAsync(Act("synthesize", scenario.Synthesizer, [.. Synthesis(amendmentId, fixedSource), .. On(policyId, 2)]));
        var fixedHash = resynthesized.Value("sourceHash");
        var stale = await AcgsCli.RunAsync(Act("verify", scenario.Verifier, On(policyId, 3, Verification(synthesized.Value("sourceHash"), "passed"))));
        var passed = await AcgsCli.RunAsync(Act("verify", scenario.Verifier, On(policyId, 3, Verification(fixedHash, "passed"))));
        var compiled = await AcgsCli.RunAsync(Act("compile", scenario.Compiler, On(policyId, 4, "--source-hash", fixedHash,
            "--target", "wasm", "--artifact-hash", PolicyScenario.ArtifactHash, "--compiler", "opa", "--compiler-version", "1.4.2")));
        var activated = await AcgsCli.RunAsync(Act("activate", scenario.Admin, On(policyId, 5, "--source-hash", fixedHash)));
        var revoked = await AcgsCli.RunAsync(Act("revoke", scenario.Admin, On(policyId, 6, "--reason", "replaced by the Council's new text")));

        failed.ExitCode.ShouldBe(0, failed.ToString());
        resynthesized.ExitCode.ShouldBe(0, resynthesized.ToString());
        resynthesized.Value("policyId").ShouldBe(policyId);
        resynthesized.Value("version").ShouldBe("3");
        fixedHash.ShouldBe(PolicyScenario.HashOf(PolicyScenario.FixedSource));
        stale.ExitCode.ShouldBe(1, stale.ToString());
        stale.Error.ShouldContain("urn:acgs:problem:stale-source-hash");
        passed.ExitCode.ShouldBe(0, passed.ToString());
        compiled.ExitCode.ShouldBe(0, compiled.ToString());
        activated.ExitCode.ShouldBe(0, activated.ToString());
        activated.Value("version").ShouldBe("6");
        revoked.ExitCode.ShouldBe(0, revoked.ToString());
        revoked.Value("version").ShouldBe("7");
        (await scenario.PolicyAsync(Guid.Parse(policyId)))!.Status.ShouldBe(PolicyStatus.Revoked);
    }
}
