using System.Runtime.Versioning;
using Acgs.Cli.Actors;
using Acgs.Cli.Keys;
using Acgs.Cli.Policies;
using Acgs.Ledger.Policies;
using Spectre.Console.Cli;

namespace Acgs.Cli.Tests.Policies;

// Exit 2 means nothing reached a ledger. Nothing listens at port 1: reaching the network would end
// with "cannot reach" instead.
[UnsupportedOSPlatform("windows")]
public sealed class policy_commands_refuse_unusable_input : IDisposable
{
    private const string LedgerId = "0198f3f0-5a2b-7c4d-8e6f-0a1b2c3d4e5f";
    private const string SynthesizerId = "0198f3f0-5a2b-7c4d-8e6f-2a1b2c3d4e5f";
    private const string AmendmentId = "0198f3f0-5a2b-7c4d-8e6f-3a1b2c3d4e5f";

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("acgs-policy-input-");
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public policy_commands_refuse_unusable_input() => KeygenCommand.Generate(PathIn("gs"));

    public void Dispose()
    {
        output.Dispose();
        error.Dispose();
        folder.Delete(recursive: true);
    }

    private string PathIn(string name) => Path.Combine(folder.FullName, name);

    private Task<int> SynthesizeAsync(byte[] source, params string[] options)
    {
        File.WriteAllBytes(PathIn("policy.rego"), source);
        var app = new CommandApp();
        app.Configure(config =>
        {
            // As Program.cs: a usage error is unusable input, exit 2.
            config.SetExceptionHandler((exception, _) =>
            {
                error.WriteLine($"acgs: {exception.Message}");
                return 2;
            });
            config.ConfigureActors(output, error);
            config.ConfigurePolicies();
        });
        return app.RunAsync(["policy", "synthesize", "--url", "http://127.0.0.1:1", "--ledger-id", LedgerId, "--as", SynthesizerId,
            "--key", PathIn("gs.key"), "--amendment", AmendmentId, "--source", PathIn("policy.rego"), "--name", "transparency",
            "--generator", "acgs-gs", "--generator-version", "2.1.0", .. options]);
    }

    [Fact]
    public async Task a_source_that_is_not_utf8_is_refused_before_it_is_signed()
    {
        var exitCode = await SynthesizeAsync([0x70, 0xE9, 0x0A]);

        exitCode.ShouldBe(2);
        error.ToString().ShouldContain("is not UTF-8");
        error.ToString().ShouldNotContain("cannot reach");
        output.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task a_source_larger_than_the_ledger_takes_is_refused_before_it_is_read()
    {
        var exitCode = await SynthesizeAsync(new byte[PolicyRules.MaxSourceBytes + 1]);

        exitCode.ShouldBe(2);
        error.ToString().ShouldContain($"at most {PolicyRules.MaxSourceBytes} bytes");
        error.ToString().ShouldNotContain("cannot reach");
    }

    [Fact]
    public async Task a_resynthesis_needs_both_the_policy_and_its_version()
    {
        var exitCode = await SynthesizeAsync("package p\n"u8.ToArray(), "--policy", AmendmentId);

        exitCode.ShouldBe(2);
        error.ToString().ShouldContain("--expected-version");
    }

    [Fact]
    public async Task a_well_formed_act_reaches_for_the_network()
    {
        var exitCode = await SynthesizeAsync("package p\n"u8.ToArray());

        exitCode.ShouldBe(2);
        error.ToString().ShouldContain("cannot reach http://127.0.0.1:1/v1/policies");
    }
}
