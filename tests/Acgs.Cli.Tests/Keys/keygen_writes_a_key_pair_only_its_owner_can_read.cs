using System.Runtime.Versioning;
using Acgs.Ledger.Identity;

namespace Acgs.Cli.Tests.Keys;

// Key files are protected by Unix file modes (DESIGN §7: Debian hosts).
[UnsupportedOSPlatform("windows")]
public sealed class keygen_writes_a_key_pair_only_its_owner_can_read : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("acgs-keygen-");

    public void Dispose() => folder.Delete(recursive: true);

    private string NameIn(string name) => Path.Combine(folder.FullName, name);

    [Fact]
    public void with_the_private_file_at_mode_0600()
    {
        var (exitCode, _) = KeygenRun.Run("keygen", "--out", NameIn("alice"));

        exitCode.ShouldBe(0);
        File.GetUnixFileMode(NameIn("alice.key")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void whose_halves_belong_together()
    {
        var (exitCode, output) = KeygenRun.Run("keygen", "--out", NameIn("alice"));

        exitCode.ShouldBe(0);
        using var signingKey = KeyFiles.ReadSigningKey(NameIn("alice.key"));
        var publicKey = KeyFiles.ReadVerificationKey(NameIn("alice.pub"));
        publicKey.ShouldBe(signingKey.PublicKey);
        output.ShouldContain($"keyId:       {publicKey.KeyId}");
        output.ShouldContain($"publicKey:   {publicKey.ToBase64()}");
        var signature = signingKey.Sign("hello"u8);
        publicKey.Verify("hello"u8, signature).ShouldBeTrue();
    }

    [Fact]
    public void and_never_prints_the_seed()
    {
        var (_, output) = KeygenRun.Run("keygen", "--out", NameIn("alice"));

        using var signingKey = KeyFiles.ReadSigningKey(NameIn("alice.key"));
        var seed = new byte[SigningKey.SeedSize];
        signingKey.ExportSeed(seed);
        output.ShouldNotContain(Convert.ToBase64String(seed));
        output.ShouldNotContain(Convert.ToHexStringLower(seed));
        File.ReadAllText(NameIn("alice.pub")).ShouldNotContain(Convert.ToBase64String(seed));
    }

    [Fact]
    public void in_the_documented_format()
    {
        KeygenRun.Run("keygen", "--out", NameIn("alice")).ExitCode.ShouldBe(0);

        var publicKey = KeyFiles.ReadVerificationKey(NameIn("alice.pub"));
        File.ReadAllText(NameIn("alice.pub")).ShouldBe(
            $"{{\"algorithm\":\"ed25519\",\"keyId\":\"{publicKey.KeyId}\",\"publicKey\":\"{publicKey.ToBase64()}\"}}\n");
        File.ReadAllText(NameIn("alice.key")).ShouldMatch(
            $"^\\{{\"algorithm\":\"ed25519\",\"keyId\":\"{publicKey.KeyId}\",\"seed\":\"[A-Za-z0-9+/]{{43}}=\"\\}}\n$");
    }

    [Fact]
    public void and_refuses_to_overwrite_a_private_key()
    {
        File.WriteAllText(NameIn("alice.key"), "precious");

        var (exitCode, output) = KeygenRun.Run("keygen", "--out", NameIn("alice"));

        exitCode.ShouldNotBe(0);
        output.ShouldContain("already exists");
        File.ReadAllText(NameIn("alice.key")).ShouldBe("precious");
        File.Exists(NameIn("alice.pub")).ShouldBeFalse();
    }

    [Fact]
    public void or_a_public_key()
    {
        File.WriteAllText(NameIn("alice.pub"), "published");

        var (exitCode, _) = KeygenRun.Run("keygen", "--out", NameIn("alice"));

        exitCode.ShouldNotBe(0);
        File.ReadAllText(NameIn("alice.pub")).ShouldBe("published");
        File.Exists(NameIn("alice.key")).ShouldBeFalse();
    }

    [Fact]
    public void or_follow_a_link_planted_at_the_private_key_path()
    {
        var target = NameIn("elsewhere");
        File.CreateSymbolicLink(NameIn("alice.key"), target);

        var (exitCode, _) = KeygenRun.Run("keygen", "--out", NameIn("alice"));

        exitCode.ShouldNotBe(0);
        File.Exists(target).ShouldBeFalse();
    }
}
