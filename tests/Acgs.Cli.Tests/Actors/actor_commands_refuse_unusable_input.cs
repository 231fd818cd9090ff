using System.Runtime.Versioning;
using Acgs.Cli.Actors;
using Acgs.Cli.Keys;
using Spectre.Console.Cli;

namespace Acgs.Cli.Tests.Actors;

// Exit 2 means nothing reached a ledger: the operator's input (or the network) is at fault, not the act.
[UnsupportedOSPlatform("windows")]
public sealed class actor_commands_refuse_unusable_input : IDisposable
{
    private const string LedgerId = "0198f3f0-5a2b-7c4d-8e6f-0a1b2c3d4e5f";
    private const string AdminId = "0198f3f0-5a2b-7c4d-8e6f-1a1b2c3d4e5f";

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("acgs-actor-input-");
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public void Dispose()
    {
        output.Dispose();
        error.Dispose();
        folder.Delete(recursive: true);
    }

    private string PathIn(string name) => Path.Combine(folder.FullName, name);

    private Task<int> RegisterAsync(string url, string adminKey, string newKey)
    {
        var app = new CommandApp();
        app.Configure(config => config.ConfigureActors(output, error));
        return app.RunAsync(["actor", "register", "--url", url, "--ledger-id", LedgerId, "--as", AdminId,
            "--key", adminKey, "--new-key", newKey, "--name", "Alice", "--role", "council"]);
    }

    [Fact]
    public async Task a_missing_key_file_is_named_and_nothing_is_sent()
    {
        KeygenCommand.Generate(PathIn("alice"));

        // Nothing listens at port 1: reaching the network would end differently.
        var exitCode = await RegisterAsync("http://127.0.0.1:1", PathIn("missing.key"), PathIn("alice.key"));

        exitCode.ShouldBe(2);
        error.ToString().ShouldContain(PathIn("missing.key"));
        error.ToString().ShouldNotContain("cannot reach");
        output.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task an_unreachable_ledger_is_reported_as_no_answer()
    {
        KeygenCommand.Generate(PathIn("admin"));
        KeygenCommand.Generate(PathIn("alice"));

        var exitCode = await RegisterAsync("http://127.0.0.1:1", PathIn("admin.key"), PathIn("alice.key"));

        exitCode.ShouldBe(2);
        error.ToString().ShouldContain("cannot reach http://127.0.0.1:1/v1/actors");
        output.ToString().ShouldBeEmpty();
    }
}
