using System.Runtime.Versioning;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Amendments;
using Acgs.Ledger.Identity;

namespace Acgs.Api.Tests.Amendments;

// The CLI end to end: key files on disk, the command's own signing, the real host over its socket.
[Collection(GovernanceHostCollection.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class acgs_amendment_commands_sign_and_submit_acts(GovernanceHostFixture fixture) : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("acgs-amendment-cli-");

    public void Dispose() => folder.Delete(recursive: true);

    private string Url => fixture.Host.Client.BaseAddress!.ToString();

    private string Genesis => Path.Combine(fixture.Host.Ledger.Directory, "genesis.json");

    private string KeyFile(string name, SigningKey key) => KeyFiles.Create(Path.Combine(folder.FullName, name), key).PrivateKeyPath;

    [Fact]
    public async Task council_members_vote_from_the_command_line_until_the_system_actor_ratifies()
    {
        var proposal = await fixture.Scenario.ProposeAsync(fixture.Proposer.ActorId, fixture.Proposer.Key, GovernanceScenario.Add("P-cli"));

        for (var i = 0; i < fixture.Council.Count; i++)
        {
            var (member, key) = fixture.Council[i];
            var voted = await AcgsCli.RunAsync("amendment", "vote", "--url", Url, "--genesis", Genesis, "--as", member.ToString(),
                "--key", KeyFile($"member{i}", key), "--amendment", proposal.AmendmentId.ToString(), "--expected-version", (i + 1).ToString(),
                "--choice", "for", "--reason", "it is sound");
            voted.ExitCode.ShouldBe(0, voted.ToString());
            voted.Value("version").ShouldBe((i + 2).ToString());
        }

        (await fixture.Scenario.SettledAsync(proposal.AmendmentId, TimeSpan.FromSeconds(20))).Status.ShouldBe(AmendmentStatus.Ratified);
    }

    [Fact]
    public async Task the_proposer_withdraws_and_a_second_withdrawal_is_refused_with_the_ledgers_problem()
    {
        var proposal = await fixture.Scenario.ProposeAsync(fixture.Proposer.ActorId, fixture.Proposer.Key, GovernanceScenario.Add("P-cli-withdrawn"));
        string[] withdraw = ["amendment", "withdraw", "--url", Url, "--genesis", Genesis, "--as", fixture.Proposer.ActorId.ToString(),
            "--key", KeyFile("proposer", fixture.Proposer.Key), "--amendment", proposal.AmendmentId.ToString(), "--reason", "redrafting"];

        var withdrawn = await AcgsCli.RunAsync([.. withdraw, "--expected-version", "1"]);
        var again = await AcgsCli.RunAsync([.. withdraw, "--expected-version", "2"]);

        withdrawn.ExitCode.ShouldBe(0, withdrawn.ToString());
        again.ExitCode.ShouldBe(1, again.ToString());
        again.Error.ShouldContain("urn:acgs:problem:amendment-closed");
    }

    [Theory]
    [InlineData("--choice", "maybe")]
    [InlineData("--expected-version", "0")]
    public async Task unusable_arguments_exit_2_without_submitting(string option, string value)
    {
        var (member, key) = fixture.Council[0];
        var arguments = new Dictionary<string, string>
        {
            ["--url"] = Url, ["--genesis"] = Genesis, ["--as"] = member.ToString(), ["--key"] = KeyFile("member", key),
            ["--amendment"] = Guid.CreateVersion7().ToString(), ["--expected-version"] = "1", ["--choice"] = "for", ["--reason"] = "r",
        };
        arguments[option] = value;

        var result = await AcgsCli.RunAsync(["amendment", "vote", .. arguments.SelectMany(pair => new[] { pair.Key, pair.Value })]);

        result.ExitCode.ShouldBe(2, result.ToString());
    }
}
