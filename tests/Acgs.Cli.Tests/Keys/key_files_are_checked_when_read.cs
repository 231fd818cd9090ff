using System.Runtime.Versioning;
using Acgs.Cli.Keys;
using Acgs.Ledger.Identity;

namespace Acgs.Cli.Tests.Keys;

// Key files are protected by Unix file modes (DESIGN §7: Debian hosts).
[UnsupportedOSPlatform("windows")]
public sealed class key_files_are_checked_when_read : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("acgs-keyfiles-");

    public void Dispose() => folder.Delete(recursive: true);

    private string NameIn(string name) => Path.Combine(folder.FullName, name);

    [Fact]
    public void a_private_key_readable_by_others_is_refused()
    {
        KeygenCommand.Generate(NameIn("alice"));
        File.SetUnixFileMode(NameIn("alice.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        Should.Throw<InvalidDataException>(() => KeyFiles.ReadSigningKey(NameIn("alice.key")))
            .Message.ShouldContain("0600");
    }

    [Fact]
    public void a_key_id_that_does_not_match_the_key_is_refused()
    {
        var pair = KeygenCommand.Generate(NameIn("alice"));
        var text = File.ReadAllText(NameIn("alice.pub"));
        File.WriteAllText(NameIn("alice.pub"), text.Replace(pair.PublicKey.KeyId.Value, "0123456789abcdef", StringComparison.Ordinal));

        Should.Throw<InvalidDataException>(() => KeyFiles.ReadVerificationKey(NameIn("alice.pub")))
            .Message.ShouldContain("key id");
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"algorithm\":\"ed25519\",\"keyId\":\"21fe31dfa154a261\"}")]
    [InlineData("{\"algorithm\":\"ed448\",\"keyId\":\"21fe31dfa154a261\",\"publicKey\":\"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\"}")]
    [InlineData("{\"algorithm\":\"ed25519\",\"keyId\":\"21fe31dfa154a261\",\"publicKey\":\"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\",\"extra\":\"x\"}")]
    [InlineData("{\"algorithm\":\"ed25519\",\"algorithm\":\"ed25519\",\"keyId\":\"21fe31dfa154a261\",\"publicKey\":\"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\"}")]
    [InlineData("{\"algorithm\":\"ed25519\",\"keyId\":\"21fe31dfa154a261\",\"publicKey\":\"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\"} {}")]
    public void a_file_that_is_not_exactly_a_key_file_is_refused(string content)
    {
        File.WriteAllText(NameIn("odd.pub"), content);

        Should.Throw<InvalidDataException>(() => KeyFiles.ReadVerificationKey(NameIn("odd.pub")));
    }

    [Fact]
    public void a_well_formed_public_key_file_is_read()
    {
        File.WriteAllText(NameIn("test1.pub"),
            "{\"algorithm\":\"ed25519\",\"keyId\":\"21fe31dfa154a261\",\"publicKey\":\"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\"}\n");

        KeyFiles.ReadVerificationKey(NameIn("test1.pub")).KeyId.Value.ShouldBe("21fe31dfa154a261");
    }

    [Fact]
    public void a_small_order_public_key_is_refused()
    {
        var weak = Convert.ToBase64String(new byte[32]);
        var keyId = KeyId.Of(new byte[32]);
        File.WriteAllText(NameIn("weak.pub"),
            $"{{\"algorithm\":\"ed25519\",\"keyId\":\"{keyId}\",\"publicKey\":\"{weak}\"}}\n");

        Should.Throw<InvalidDataException>(() => KeyFiles.ReadVerificationKey(NameIn("weak.pub")))
            .Message.ShouldContain(nameof(PublicKeyRejection.SmallOrder));
    }
}
