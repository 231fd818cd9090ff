using System.Text;
using Acgs.Ledger.Integrity.Merkle;
using Acgs.Ledger.Integrity.Notes;
using NSec.Cryptography;

namespace Acgs.Protocol.Tests.Notes;

public sealed class checkpoint_text_and_signatures
{
    private static readonly MerkleHash Root = MerkleHash.ParseHex("4eccf34608d31bac5c7becf6006df59005d828181056d092084e341e6bb005bd");

    [Fact]
    public void the_go_sum_database_tree_text_parses()
    {
        var golden = SignedNoteVectors.Json.GetProperty("tlog_tree_note_text");

        var checkpoint = Checkpoint.Parse(golden.GetProperty("golden").GetString()!);

        checkpoint.Origin.ShouldBe("go.sum database tree");
        checkpoint.TreeSize.ShouldBe(golden.GetProperty("tree_size").GetInt64());
        checkpoint.RootHash.ToHex().ShouldBe(golden.GetProperty("root_hash_hex").GetString());
        checkpoint.RootHash.ShouldBe(MerkleTreeHasher.HashLeaf("hello world"u8));
        checkpoint.Extensions.ShouldBeEmpty();
        checkpoint.ToNoteText().ShouldBe(golden.GetProperty("golden").GetString());
    }

    // The first of Go's bad trees differs only in its origin, which a generic parser cannot judge: the
    // caller compares it with the origin it expects (acgs checkpoint verify --origin).
    [Fact]
    public void the_go_bad_trees_are_refused_or_carry_another_origin()
    {
        var bad = SignedNoteVectors.Json.GetProperty("tlog_tree_note_text").GetProperty("bad_trees").EnumerateArray().Select(text => text.GetString()!).ToList();

        Checkpoint.Parse(bad[0]).Origin.ShouldNotBe("go.sum database tree");
        Checkpoint.TryParse(bad[1], out _).ShouldBeFalse();
        Checkpoint.TryParse(bad[2], out _).ShouldBeFalse();
    }

    // Go's tree parser ignored trailing text; in a C2SP checkpoint, lines after the root are extension
    // lines, and a note text always ends with a newline.
    [Fact]
    public void trailing_lines_are_extensions_of_a_text_that_ends_with_a_newline()
    {
        var junk = SignedNoteVectors.Json.GetProperty("tlog_tree_note_text").GetProperty("good_with_trailing_junk").EnumerateArray().Select(text => text.GetString()!).ToList();

        Checkpoint.TryParse(junk[0], out _).ShouldBeFalse();
        Checkpoint.Parse(junk[1]).Extensions.ShouldBe(["JOE"]);
    }

    [Fact]
    public void a_checkpoint_round_trips_with_extension_lines()
    {
        var checkpoint = new Checkpoint("example.com/acgs/3f1c", 7, Root, ["ext one", "ext two"]);

        var text = checkpoint.ToNoteText();

        text.ShouldBe("example.com/acgs/3f1c\n7\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\next one\next two\n");
        Checkpoint.Parse(text).ShouldBe(checkpoint);
    }

    [Theory]
    [InlineData("o\n0\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n", 0L)]
    [InlineData("o\n9223372036854775807\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n", long.MaxValue)]
    public void tree_sizes_from_zero_to_2_pow_63_minus_1_are_read(string text, long treeSize)
    {
        Checkpoint.Parse(text).TreeSize.ShouldBe(treeSize);
    }

    [Theory]
    [InlineData("o\n07\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n", "a leading zero")]
    [InlineData("o\n00\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n", "a zero with a leading zero")]
    [InlineData("o\n-1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n", "a sign")]
    [InlineData("o\n+1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n", "a plus sign")]
    [InlineData("o\n 1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n", "a space")]
    [InlineData("o\n9223372036854775808\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n", "more than 2^63-1")]
    [InlineData("o\n1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb1=\n", "non-zero padding bits")]
    [InlineData("o\n1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0\n", "no padding")]
    [InlineData("o\n1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40Hmuw\n", "30 bytes")]
    [InlineData("o\n1\n4eccf34608d31bac5c7becf6006df59005d828181056d092084e341e6bb005bd\n", "hex instead of base64")]
    [InlineData("\n1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n", "an empty origin")]
    [InlineData("o\n1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n\n", "an empty extension line")]
    [InlineData("o\n1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=", "no final newline")]
    [InlineData("o\n1\n", "no root hash")]
    [InlineData("o\tx\n1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n", "a control character")]
    public void a_malformed_checkpoint_is_refused(string text, string why)
    {
        Checkpoint.TryParse(text, out _).ShouldBeFalse(why);
        Should.Throw<FormatException>(() => Checkpoint.Parse(text));
    }

    [Fact]
    public void a_checkpoint_is_signed_by_the_key_named_after_its_origin_and_verified()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        using var signer = new NoteSigner("example.com/acgs/3f1c", key);
        var checkpoint = new Checkpoint(signer.Name, 1000, Root);

        var note = SignedNote.Parse(Encoding.UTF8.GetBytes(SignedNote.Sign(checkpoint.ToNoteText(), signer).ToString()));

        note.Verify([signer.VerifierKey]).IsValid.ShouldBeTrue();
        Checkpoint.Parse(note.Text).ShouldBe(checkpoint);
    }

    [Fact]
    public void a_checkpoint_that_no_note_can_carry_cannot_be_built()
    {
        Should.Throw<ArgumentException>(() => new Checkpoint("", 1, Root));
        Should.Throw<ArgumentException>(() => new Checkpoint("two\nlines", 1, Root));
        Should.Throw<ArgumentException>(() => new Checkpoint("o", 1, Root, [""]));
        Should.Throw<ArgumentOutOfRangeException>(() => new Checkpoint("o", -1, Root));
    }
}
