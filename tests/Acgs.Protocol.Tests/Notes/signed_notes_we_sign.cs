using System.Text;
using Acgs.Ledger.Integrity.Notes;
using CsCheck;
using NSec.Cryptography;

namespace Acgs.Protocol.Tests.Notes;

public sealed class signed_notes_we_sign : IDisposable
{
    private const string Text = "example.com/acgs/ledger\n42\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";

    private readonly Key ledgerKey = Key.Create(SignatureAlgorithm.Ed25519);
    private readonly Key witnessKey = Key.Create(SignatureAlgorithm.Ed25519);
    private readonly NoteSigner ledger;
    private readonly NoteSigner witness;

    public signed_notes_we_sign()
    {
        ledger = new NoteSigner("example.com/acgs/ledger", ledgerKey);
        witness = new NoteSigner("witness.example/w1", witnessKey);
    }

    public void Dispose()
    {
        ledgerKey.Dispose();
        witnessKey.Dispose();
    }

    [Fact]
    public void a_signed_note_round_trips_and_verifies_with_the_signers_keys()
    {
        var note = SignedNote.Sign(Text, ledger, witness);

        var parsed = SignedNote.Parse(note.ToUtf8());

        parsed.Text.ShouldBe(Text);
        parsed.ToString().ShouldBe(note.ToString());
        note.ToString().ShouldBe($"{Text}\n— example.com/acgs/ledger {parsed.Signatures[0].Base64}\n— witness.example/w1 {parsed.Signatures[1].Base64}\n");
        parsed.Verify([ledger.VerifierKey]).IsValid.ShouldBeTrue();
        parsed.Verify([witness.VerifierKey]).Unknown.Single().KeyName.ShouldBe("example.com/acgs/ledger");
        parsed.Verify([ledger.VerifierKey, witness.VerifierKey]).VerifiedBy.ShouldBe([ledger.VerifierKey, witness.VerifierKey]);
    }

    [Fact]
    public void a_verifier_key_string_round_trips()
    {
        var vkey = ledger.VerifierKey.ToString();

        NoteVerifierKey.Parse(vkey).ToString().ShouldBe(vkey);
        vkey.ShouldStartWith($"example.com/acgs/ledger+{ledger.KeyId:x8}+A");
    }

    [Fact]
    public void a_changed_text_fails()
    {
        var tampered = Encoding.UTF8.GetBytes(SignedNote.Sign(Text, ledger).ToString().Replace("\n42\n", "\n43\n", StringComparison.Ordinal));

        var verification = SignedNote.Parse(tampered).Verify([ledger.VerifierKey]);

        verification.IsValid.ShouldBeFalse();
        verification.FailedBy.ShouldBe([ledger.VerifierKey]);
    }

    [Fact]
    public void a_changed_signature_fails()
    {
        var note = SignedNote.Sign(Text, ledger);
        var signature = Convert.FromBase64String(note.Signatures[0].Base64);
        signature[^1] ^= 0x01;
        var tampered = note.ToString().Replace(note.Signatures[0].Base64, Convert.ToBase64String(signature), StringComparison.Ordinal);

        var verification = SignedNote.Parse(Encoding.UTF8.GetBytes(tampered)).Verify([ledger.VerifierKey]);

        verification.IsValid.ShouldBeFalse();
        verification.FailedBy.ShouldBe([ledger.VerifierKey]);
    }

    [Fact]
    public void another_key_with_the_same_name_is_not_the_signers_key()
    {
        using var otherKey = Key.Create(SignatureAlgorithm.Ed25519);
        var impostor = NoteVerifierKey.Create("example.com/acgs/ledger", otherKey.PublicKey);

        var verification = SignedNote.Sign(Text, ledger).Verify([impostor]);

        verification.IsValid.ShouldBeFalse();
        verification.VerifiedBy.ShouldBeEmpty();
        verification.Unknown.Count.ShouldBe(1);
    }

    [Fact]
    public void a_signature_line_under_another_name_is_not_the_signers()
    {
        var renamed = SignedNote.Sign(Text, ledger).ToString().Replace("— example.com/acgs/ledger ", "— example.com/acgs/other ", StringComparison.Ordinal);

        var verification = SignedNote.Parse(Encoding.UTF8.GetBytes(renamed)).Verify([ledger.VerifierKey]);

        verification.IsValid.ShouldBeFalse();
        verification.Unknown.Single().KeyName.ShouldBe("example.com/acgs/other");
    }

    [Fact]
    public void a_failing_signature_from_a_trusted_key_spoils_the_note_even_beside_a_good_one()
    {
        var note = SignedNote.Sign(Text, ledger);
        var signature = Convert.FromBase64String(note.Signatures[0].Base64);
        signature[10] ^= 0x80;
        var badLine = $"— {ledger.Name} {Convert.ToBase64String(signature)}\n";

        var verification = SignedNote.Parse(Encoding.UTF8.GetBytes(note + badLine)).Verify([ledger.VerifierKey]);

        verification.VerifiedBy.ShouldBe([ledger.VerifierKey]);
        verification.FailedBy.ShouldBe([ledger.VerifierKey]);
        verification.IsValid.ShouldBeFalse();
    }

    [Fact]
    public void a_text_may_hold_blank_lines_and_the_last_one_separates_the_signatures()
    {
        var note = SignedNote.Sign("first\n\nsecond\n\n", ledger);

        var parsed = SignedNote.Parse(note.ToUtf8());

        parsed.Text.ShouldBe("first\n\nsecond\n\n");
        parsed.Verify([ledger.VerifierKey]).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void a_line_like_a_signature_before_the_last_blank_line_is_text()
    {
        var note = SignedNote.Parse(Encoding.UTF8.GetBytes("text\n\n— example.com/a AAAAAAA=\n\n— example.com/b AAAAAAA=\n"));

        note.Text.ShouldBe("text\n\n— example.com/a AAAAAAA=\n");
        note.Signatures.Single().KeyName.ShouldBe("example.com/b");
    }

    [Fact]
    public void at_most_100_signatures_are_read()
    {
        var line = SignedNote.Sign(Text, ledger).ToString()[(Text.Length + 1)..];

        SignedNote.TryParse(Encoding.UTF8.GetBytes(Text + "\n" + string.Concat(Enumerable.Repeat(line, 100))), out var hundred).ShouldBeTrue();
        hundred!.Verify([ledger.VerifierKey]).IsValid.ShouldBeTrue();
        SignedNote.TryParse(Encoding.UTF8.GetBytes(Text + "\n" + string.Concat(Enumerable.Repeat(line, 101))), out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("- example.com/a AAAAAAA=\n", "a hyphen instead of the em dash")]
    [InlineData("—  example.com/a AAAAAAA=\n", "an empty key name")]
    [InlineData("— example.com/a\n", "no signature")]
    [InlineData("— example.com/a \n", "an empty signature")]
    [InlineData("— example.com/a AAAAAA==\n", "a key ID without a signature")]
    [InlineData("— example.com/a AAAA AAA=\n", "a space inside the base64")]
    [InlineData("— example.com/a AAAAAAB=\n", "non-canonical base64 padding bits")]
    [InlineData("— example.com/a AAAAAAA\n", "unpadded base64")]
    [InlineData("— example.com/a AAAAAAA=\r\n", "a carriage return")]
    [InlineData("— example.com/a\u00a0x AAAAAAA=\n", "a no-break space in the key name")]
    [InlineData("— example.com+a AAAAAAA=\n", "a plus in the key name")]
    public void a_malformed_signature_line_is_refused(string block, string why)
    {
        SignedNote.TryParse(Encoding.UTF8.GetBytes("text\n\n" + block), out _).ShouldBeFalse(why);
    }

    [Fact]
    public void a_well_formed_line_of_an_unknown_algorithm_is_kept_as_unknown()
    {
        var note = SignedNote.Parse(Encoding.UTF8.GetBytes("text\n\n— example.com/a AAAAAAA=\n"));

        note.Signatures.Single().KeyId.ShouldBe(0u);
        note.Verify([ledger.VerifierKey]).Unknown.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("no final newline")]
    [InlineData("a tab\there\n")]
    [InlineData("a carriage return\r\n")]
    [InlineData("")]
    public void a_text_that_no_note_can_carry_is_not_signed(string text)
    {
        Should.Throw<ArgumentException>(() => SignedNote.Sign(text, ledger));
    }

    [Fact]
    public void a_text_with_a_lone_surrogate_is_not_signed()
    {
        Should.Throw<ArgumentException>(() => SignedNote.Sign("a lone surrogate " + (char)0xD800 + "\n", ledger));
    }

    [Fact]
    public void signing_needs_a_signer_and_a_valid_key_name()
    {
        Should.Throw<ArgumentException>(() => SignedNote.Sign(Text));
        Should.Throw<ArgumentException>(() => new NoteSigner("two words", ledgerKey));
        Should.Throw<ArgumentException>(() => new NoteSigner("a+b", ledgerKey));
        Should.Throw<ArgumentException>(() => new NoteSigner("", ledgerKey));
    }

    [Fact]
    public void a_signer_key_whose_key_id_does_not_match_is_refused()
    {
        const string skey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";

        NoteSigner.TryParse(skey, out var signer).ShouldBeTrue();
        signer!.Dispose();
        NoteSigner.TryParse(skey.Replace("c74f20a3", "c74f20a4", StringComparison.Ordinal), out _).ShouldBeFalse();
        NoteSigner.TryParse(skey.Replace("PeterNeumann", "PeterNeuman", StringComparison.Ordinal), out _).ShouldBeFalse();
        NoteSigner.TryParse(skey.Replace("PRIVATE+KEY+", "PRIVATE+", StringComparison.Ordinal), out _).ShouldBeFalse();
        NoteSigner.TryParse(SignedNoteVectors.PeterNeumannVerifierKey, out _).ShouldBeFalse();
        Should.Throw<FormatException>(() => NoteSigner.Parse("PRIVATE+KEY+x+00000000+AQ=="));
    }

    [Fact]
    public void a_key_id_is_written_in_lowercase_hex_only()
    {
        var vkey = SignedNoteVectors.PeterNeumannVerifierKey;

        NoteVerifierKey.TryParse(vkey.Replace("c74f20a3", "C74F20A3", StringComparison.Ordinal), out _).ShouldBeFalse();
    }

    [Fact]
    public void any_bytes_parse_or_are_refused_without_an_exception()
    {
        var valid = SignedNote.Sign(Text, ledger).ToUtf8();
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Sample((position, value) =>
        {
            var changed = (byte[])valid.Clone();
            changed[position] = value;
            if (SignedNote.TryParse(changed, out var note) && changed[position] != valid[position])
            {
                note.Verify([ledger.VerifierKey]).IsValid.ShouldBeFalse();
            }
        }, iter: 2000);

        Gen.Byte.Array[0, 300].Sample(bytes => { SignedNote.TryParse(bytes, out _); });
        Gen.String.Sample(text => { NoteVerifierKey.TryParse(text, out _); });
        Gen.String.Sample(text => { Checkpoint.TryParse(text, out _); });
    }
}
