using System.Text;
using Acgs.Cli.Checkpoints;
using Acgs.Ledger.Integrity.Merkle;
using Acgs.Ledger.Integrity.Notes;
using NSec.Cryptography;
using Spectre.Console.Cli;

namespace Acgs.Cli.Tests.Checkpoints;

public sealed class checkpoint_verify_judges_any_signed_checkpoint : IDisposable
{
    private const string Origin = "ledger.example/acgs/0b8f4c2e-6a57-4c51-9d0c-3c1f4e7b2a10";

    private static readonly MerkleHash Root = MerkleTreeHasher.HashLeaf("hello world"u8);

    private readonly string folder = Directory.CreateTempSubdirectory("acgs-checkpoint-verify-").FullName;
    private readonly Key ledgerKey = Key.Create(SignatureAlgorithm.Ed25519);
    private readonly NoteSigner ledger;
    private readonly StringWriter output = new() { NewLine = "\n" };
    private readonly StringWriter error = new();

    public checkpoint_verify_judges_any_signed_checkpoint()
    {
        ledger = new NoteSigner(Origin, ledgerKey);
    }

    public void Dispose()
    {
        ledgerKey.Dispose();
        output.Dispose();
        error.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void our_checkpoint_is_valid_and_its_origin_size_and_root_are_printed()
    {
        var file = Write("checkpoint", Signed(new Checkpoint(Origin, 1234, Root), ledger));

        Run(file, ledger.VerifierKey.ToString()).ShouldBe(0);

        output.ToString().ShouldBe(
            $"verified: signed by {Origin}+{ledger.KeyId:x8}\n" +
            $"origin: {Origin}\n" +
            "tree size: 1234\n" +
            "root hash: TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n" +
            "root hash (hex): 4eccf34608d31bac5c7becf6006df59005d828181056d092084e341e6bb005bd\n");
        error.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void the_verifier_key_may_come_from_a_file()
    {
        var file = Write("checkpoint", Signed(new Checkpoint(Origin, 1, Root), ledger));
        var keyFile = Write("ledger.vkey", ledger.VerifierKey + "\n");

        Run(file, keyFile).ShouldBe(0);
    }

    [Fact]
    public void another_logs_checkpoint_with_extension_lines_and_a_cosignature_is_valid()
    {
        using var log = NoteSigner.Parse(PublishedNotes.LogSignerKey);
        var file = Write("checkpoint", Signed(new Checkpoint("example.com/log", 5, Root, ["extension"]), log, ledger));

        Run(file, PublishedNotes.LogVerifierKey, "example.com/log").ShouldBe(0);

        output.ToString().ShouldContain("origin: example.com/log\n");
    }

    [Fact]
    public void an_origin_other_than_the_expected_one_is_invalid()
    {
        var file = Write("checkpoint", Signed(new Checkpoint(Origin, 1, Root), ledger));

        Run(file, ledger.VerifierKey.ToString(), "ledger.example/acgs/another").ShouldBe(1);

        error.ToString().ShouldContain("origin");
        output.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void a_changed_checkpoint_is_invalid()
    {
        var signed = Signed(new Checkpoint(Origin, 1234, Root), ledger);
        var file = Write("checkpoint", signed.Replace("\n1234\n", "\n1235\n", StringComparison.Ordinal));

        Run(file, ledger.VerifierKey.ToString()).ShouldBe(1);

        error.ToString().ShouldContain("does not verify");
    }

    [Fact]
    public void a_checkpoint_signed_by_another_key_is_invalid()
    {
        using var otherKey = Key.Create(SignatureAlgorithm.Ed25519);
        using var impostor = new NoteSigner(Origin, otherKey);
        var file = Write("checkpoint", Signed(new Checkpoint(Origin, 1, Root), impostor));

        Run(file, ledger.VerifierKey.ToString()).ShouldBe(1);

        error.ToString().ShouldContain("no signature by");
    }

    [Fact]
    public void a_published_note_with_a_bad_signature_is_invalid()
    {
        var file = Write("note", PublishedNotes.PeterNeumannInvalidSignatureNote);

        Run(file, PublishedNotes.PeterNeumannVerifierKey).ShouldBe(1);
    }

    [Fact]
    public void the_c2sp_example_checkpoint_is_not_signed_by_sum_golang_org()
    {
        var file = Write("checkpoint", PublishedNotes.BehindTheSofaCheckpoint);

        Run(file, PublishedNotes.SumGolangOrgVerifierKey).ShouldBe(1);
    }

    [Fact]
    public void a_validly_signed_note_that_is_not_a_checkpoint_is_unusable()
    {
        var file = Write("note", PublishedNotes.PeterNeumannNote);

        Run(file, PublishedNotes.PeterNeumannVerifierKey).ShouldBe(2);

        error.ToString().ShouldContain("not a checkpoint");
    }

    [Fact]
    public void unusable_input_exits_2()
    {
        var good = Write("checkpoint", Signed(new Checkpoint(Origin, 1, Root), ledger));
        var unsigned = Write("unsigned", new Checkpoint(Origin, 1, Root).ToNoteText());
        var garbageKeyFile = Write("garbage.vkey", "not a key\n");

        Run(Path.Combine(folder, "missing"), ledger.VerifierKey.ToString()).ShouldBe(2);
        Run(unsigned, ledger.VerifierKey.ToString()).ShouldBe(2);
        Run(good, null).ShouldBe(2);
        Run(good, "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TX").ShouldBe(2);
        Run(good, garbageKeyFile).ShouldBe(2);
        Run(good, Path.Combine(folder, "missing.vkey")).ShouldBe(2);
        Run(folder, ledger.VerifierKey.ToString()).ShouldBe(2);
        output.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void the_command_line_gives_the_same_exit_codes()
    {
        var good = Write("checkpoint", Signed(new Checkpoint(Origin, 1, Root), ledger));
        var app = new CommandApp();
        app.Configure(config => config.ConfigureCheckpoints());

        app.Run(["checkpoint", "verify", "--vkey", ledger.VerifierKey.ToString(), good]).ShouldBe(0);
        app.Run(["checkpoint", "verify", "--vkey", ledger.VerifierKey.ToString(), "--origin", "elsewhere", good]).ShouldBe(1);
        app.Run(["checkpoint", "verify", "--vkey", "nonsense", good]).ShouldBe(2);
    }

    private static string Signed(Checkpoint checkpoint, params NoteSigner[] signers) =>
        SignedNote.Sign(checkpoint.ToNoteText(), signers).ToString();

    private int Run(string file, string? verifierKey, string? origin = null) =>
        CheckpointVerification.Run(file, verifierKey, origin, output, error);

    private string Write(string name, string contents)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, contents, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }
}
