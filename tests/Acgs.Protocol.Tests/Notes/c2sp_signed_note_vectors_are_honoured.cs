using System.Text;
using System.Text.Json;
using Acgs.Ledger.Integrity.Notes;
using NSec.Cryptography;

namespace Acgs.Protocol.Tests.Notes;

public sealed class c2sp_signed_note_vectors_are_honoured
{
    private static readonly JsonElement Vectors = SignedNoteVectors.Json;

    public static TheoryData<int> VerifierKeys => Indexes("verifier_keys");

    public static TheoryData<int> SignedNotes => Indexes("signed_notes");

    public static TheoryData<int> MalformedNotes => [.. Enumerable.Range(0, Vectors.GetProperty("malformed_notes_golang_mod").GetProperty("cases").GetArrayLength())];

    public static TheoryData<int> KeyPairs => [.. Enumerable.Range(0, Vectors.GetProperty("transparency_dev_formats_test_keypairs").GetProperty("pairs").GetArrayLength())];

    [Theory]
    [MemberData(nameof(VerifierKeys))]
    public void a_verifier_key_decodes_to_its_name_key_id_and_public_key(int index)
    {
        var vector = Vectors.GetProperty("verifier_keys")[index];

        var key = NoteVerifierKey.Parse(vector.GetProperty("vkey").GetString()!);

        key.Name.ShouldBe(vector.GetProperty("name").GetString());
        key.KeyId.ToString("x8", null).ShouldBe(vector.GetProperty("key_id_hex").GetString());
        Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)).ShouldBe(vector.GetProperty("public_key_hex").GetString());
        key.ToString().ShouldBe(vector.GetProperty("vkey").GetString());
    }

    [Fact]
    public void a_signer_key_yields_its_verifier_key_and_reproduces_the_published_signature()
    {
        foreach (var vector in Vectors.GetProperty("signer_keys").EnumerateArray())
        {
            using var signer = NoteSigner.Parse(vector.GetProperty("skey").GetString()!);

            signer.VerifierKey.ToString().ShouldBe(vector.GetProperty("matching_vkey").GetString());
        }

        using var peterNeumann = NoteSigner.Parse(Vectors.GetProperty("signer_keys")[0].GetProperty("skey").GetString()!);
        SignedNote.Sign(SignedNoteVectors.PeterNeumannText, peterNeumann).ToUtf8()
            .ShouldBe(SignedNoteVectors.Note("notes/golang-mod-PeterNeumann.note"));
    }

    [Theory]
    [MemberData(nameof(KeyPairs))]
    public void a_transparency_dev_key_pair_matches(int index)
    {
        var pair = Vectors.GetProperty("transparency_dev_formats_test_keypairs").GetProperty("pairs")[index];

        using var signer = NoteSigner.Parse(pair.GetProperty("skey").GetString()!);

        signer.VerifierKey.ToString().ShouldBe(pair.GetProperty("vkey").GetString());
        signer.KeyId.ShouldBe(Convert.ToUInt32(pair.GetProperty("key_id_hex").GetString(), 16));
        NoteVerifierKey.ComputeKeyId(pair.GetProperty("name").GetString()!, Convert.FromHexString(pair.GetProperty("public_key_hex").GetString()!))
            .ShouldBe(signer.KeyId);
    }

    [Fact]
    public void invalid_verifier_keys_are_refused()
    {
        var invalid = Vectors.GetProperty("invalid_verifier_keys").EnumerateArray()
            .Where(vector => vector.TryGetProperty("vkey", out _))
            .Select(vector => vector.GetProperty("vkey").GetString()!)
            .ToList();

        invalid.Count.ShouldBe(2);
        invalid.Where(vkey => NoteVerifierKey.TryParse(vkey, out _)).ShouldBeEmpty();
        Should.Throw<FormatException>(() => NoteVerifierKey.Parse(invalid[0]));
    }

    // golang.org/x/mod TestNewVerifier: every proper substring and every one-byte increment is refused.
    [Fact]
    public void every_proper_substring_and_every_incremented_byte_of_a_verifier_key_is_refused()
    {
        var vkey = SignedNoteVectors.PeterNeumannVerifierKey;
        NoteVerifierKey.TryParse(vkey, out _).ShouldBeTrue();

        var accepted = new List<string>();
        for (var start = 0; start < vkey.Length; start++)
        {
            for (var end = start; end <= vkey.Length; end++)
            {
                if ((start, end) != (0, vkey.Length) && NoteVerifierKey.TryParse(vkey[start..end], out _))
                {
                    accepted.Add(vkey[start..end]);
                }
            }
        }

        for (var i = 0; i < vkey.Length; i++)
        {
            var incremented = vkey[..i] + (char)(vkey[i] + 1) + vkey[(i + 1)..];
            if (NoteVerifierKey.TryParse(incremented, out _))
            {
                accepted.Add(incremented);
            }
        }

        accepted.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(SignedNotes))]
    public void a_published_note_gets_its_published_outcome(int index)
    {
        var vector = Vectors.GetProperty("signed_notes")[index];
        var expect = vector.GetProperty("expect").GetString()!;
        var note = SignedNote.Parse(SignedNoteVectors.Note(vector.GetProperty("file").GetString()!));
        if (expect.StartsWith("format example only", StringComparison.Ordinal))
        {
            note.Signatures.Count.ShouldBe(1);
            return;
        }

        var keys = vector.GetProperty("verifiers").EnumerateArray().Select(vkey => NoteVerifierKey.Parse(vkey.GetString()!)).ToList();
        var verification = note.Verify(keys);

        if (expect == "ok")
        {
            verification.IsValid.ShouldBeTrue();
            verification.VerifiedBy.Select(Id).ShouldBe(Strings(vector, "verified"));
            if (vector.TryGetProperty("unverified", out _))
            {
                verification.Unknown.Select(signature => $"{signature.KeyName}+{signature.KeyId:x8}").ShouldBe(Strings(vector, "unverified"));
            }

            if (vector.TryGetProperty("text", out var text))
            {
                note.Text.ShouldBe(text.GetString());
            }
        }
        else if (expect.StartsWith("error: no verifiable signatures", StringComparison.Ordinal))
        {
            verification.IsValid.ShouldBeFalse();
            verification.VerifiedBy.ShouldBeEmpty();
            verification.Unknown.Count.ShouldBe(2);
        }
        else
        {
            expect.ShouldStartWith("error: invalid signature for key PeterNeumann+c74f20a3");
            verification.IsValid.ShouldBeFalse();
            verification.FailedBy.Select(Id).ShouldBe(["PeterNeumann+c74f20a3"]);
        }
    }

    [Fact]
    public void the_tlog_checkpoint_example_does_not_verify_under_the_sum_golang_org_key()
    {
        var note = SignedNote.Parse(SignedNoteVectors.Note("notes/c2sp-tlog-checkpoint-behind-the-sofa-format-only.note"));
        var sumGolangOrg = NoteVerifierKey.Parse(Vectors.GetProperty("verifier_keys")[3].GetProperty("vkey").GetString()!);

        note.Signatures[0].KeyId.ShouldBe(sumGolangOrg.KeyId);
        note.Verify([sumGolangOrg]).IsValid.ShouldBeFalse();
        Checkpoint.Parse(note.Text).TreeSize.ShouldBe(20852163);
    }

    [Theory]
    [MemberData(nameof(MalformedNotes))]
    public void a_malformed_note_is_refused(int index)
    {
        var vector = Vectors.GetProperty("malformed_notes_golang_mod").GetProperty("cases")[index];
        byte[] message;
        if (vector.TryGetProperty("msg", out var text))
        {
            message = Encoding.UTF8.GetBytes(text.GetString()!);
        }
        else if (vector.TryGetProperty("msg_hex", out var hex))
        {
            message = Convert.FromHexString(hex.GetString()!);
        }
        else
        {
            vector.GetProperty("msg_rule").GetString().ShouldBe("TEXT + \"\\n\" + PETERSIG repeated 101 times");
            var peterSignature = Encoding.UTF8.GetString(SignedNoteVectors.Note("notes/golang-mod-PeterNeumann.note")).Split("\n\n")[1];
            message = Encoding.UTF8.GetBytes(SignedNoteVectors.PeterNeumannText + "\n" + string.Concat(Enumerable.Repeat(peterSignature, 101)));
        }

        SignedNote.TryParse(message, out _).ShouldBeFalse(vector.GetProperty("why").GetString());
        Should.Throw<FormatException>(() => SignedNote.Parse(message));
    }

    private static TheoryData<int> Indexes(string property) => [.. Enumerable.Range(0, Vectors.GetProperty(property).GetArrayLength())];

    private static string Id(NoteVerifierKey key) => $"{key.Name}+{key.KeyId:x8}";

    private static List<string> Strings(JsonElement vector, string property) =>
        [.. vector.GetProperty(property).EnumerateArray().Select(element => element.GetString()!)];
}
