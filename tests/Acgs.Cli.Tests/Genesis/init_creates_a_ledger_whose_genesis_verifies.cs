using System.Text.Json;
using Acgs.Cli.Genesis;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Cli.Tests.Genesis;

public sealed class init_creates_a_ledger_whose_genesis_verifies : IDisposable
{
    private static readonly InitCommand.InitialConstitution Constitution = new(
        [new Principle("P1", "Transparency", "Every act is signed and recorded.", 1)],
        new MetaRules(3, 2, 3, 259_200, AbstentionRule.CountTowardQuorumOnly));

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("acgs-init-");

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void the_keys_are_private_and_the_genesis_is_signed_by_them()
    {
        var result = InitCommand.Run(folder.FullName, "ledger.example", Constitution, DateTimeOffset.UtcNow);

        foreach (var name in new[] { "ledger", "system", "admin" })
        {
            File.GetUnixFileMode(Path.Combine(folder.FullName, name + ".key")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var genesis = JsonSerializer.Deserialize<GenesisDocument>(File.ReadAllBytes(result.GenesisPath), LedgerJson.Options)!;
        var created = genesis.LedgerCreated.Payload.Deserialize<LedgerCreated>(LedgerJson.Options)!;
        created.Origin.ShouldBe($"ledger.example/acgs/{result.LedgerId:D}");
        created.Admin.ActorId.ShouldBe(result.AdminId);
        using var authority = new LedgerAuthority(created.LedgerId, created.Origin,
            KeyFiles.ReadSigningKey(Path.Combine(folder.FullName, "ledger.key")),
            KeyFiles.ReadSigningKey(Path.Combine(folder.FullName, "system.key")), created.System.ActorId);

        GenesisWriter.Validate(genesis, authority).ShouldBe(created);
        result.VerifierKey.ShouldStartWith(created.Origin + "+");
    }

    [Fact]
    public void a_second_ledger_in_the_same_folder_is_refused()
    {
        InitCommand.Run(folder.FullName, "localhost", Constitution, DateTimeOffset.UtcNow);

        Should.Throw<IOException>(() => InitCommand.Run(folder.FullName, "localhost", Constitution, DateTimeOffset.UtcNow));
    }

    [Theory]
    [InlineData("{\"principles\": [], \"metaRules\": {\"quorum\": 1.5}}")]
    [InlineData("{\"principles\": [], \"metaRules\": {}, \"extra\": 1}")]
    [InlineData("{\"principles\": [], \"principles\": []}")]
    [InlineData("not json")]
    public void a_constitution_file_that_is_not_exact_is_refused(string text)
    {
        var path = Path.Combine(folder.FullName, "constitution.json");
        File.WriteAllText(path, text);

        Should.Throw<InvalidDataException>(() => InitCommand.ReadConstitution(path));
    }

    private const string Principle = "{\"id\": \"P1\", \"title\": \"T\", \"text\": \"X\", \"version\": 1}";

    [Theory]
    [InlineData("[" + Principle + ", " + Principle + "]", 3, 2, 3, 3600, "appears twice")]
    [InlineData("[]", 0, 2, 3, 3600, "quorum")]
    [InlineData("[]", 3, 0, 3, 3600, "outside (0, 1]")]
    [InlineData("[]", 3, 4, 3, 3600, "outside (0, 1]")]
    [InlineData("[]", 3, 2, 3, 0, "votingWindowSeconds")]
    public void a_constitution_that_breaks_the_rules_of_every_version_is_refused(
        string principles, int quorum, int numerator, int denominator, long window, string reason)
    {
        var path = Path.Combine(folder.FullName, "constitution.json");
        File.WriteAllText(path,
            "{\"principles\": " + principles + ", \"metaRules\": {\"quorum\": " + quorum + ", \"approvalNumerator\": " + numerator
            + ", \"approvalDenominator\": " + denominator + ", \"votingWindowSeconds\": " + window + ", \"abstentions\": \"countTowardQuorumOnly\"}}");

        Should.Throw<InvalidDataException>(() => InitCommand.ReadConstitution(path)).Message.ShouldContain(reason);
    }

    [Fact]
    public void the_example_constitution_is_accepted()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Acgs.sln")))
        {
            root = root.Parent!;
        }

        var constitution = InitCommand.ReadConstitution(Path.Combine(root.FullName, "examples", "constitution.json"));

        constitution.Principles.Count.ShouldBeGreaterThan(0);
    }

    public void Dispose() => folder.Delete(recursive: true);
}
