using System.Text;
using Acgs.Cli.Json;
using Acgs.Ledger.Integrity;

namespace Acgs.Cli.Tests.Json;

public class jcs_command_writes_the_canonical_form
{
    private sealed record Outcome(int ExitCode, byte[] Output, string Error)
    {
        public string OutputText => Encoding.UTF8.GetString(Output);
    }

    [Fact]
    public void ledger_json_is_written_canonically_without_a_trailing_newline()
    {
        Outcome outcome = Run("""{ "b": [1, "\u00e9", true], "a": {"z": null, "\u0061": -5} }""" + "\n");

        outcome.ExitCode.ShouldBe(0);
        outcome.OutputText.ShouldBe("""{"a":{"a":-5,"z":null},"b":[1,"é",true]}""");
        outcome.Error.ShouldBeEmpty();
    }

    [Fact]
    public void the_output_is_utf8_bytes_not_escapes()
    {
        Outcome outcome = Run("""["\ud83d\ude00\u20ac"]""");

        outcome.Output.ShouldBe(Encoding.UTF8.GetBytes("[\"😀€\"]"));
    }

    [Theory]
    [InlineData("""{"payload":{"ratio":0.5}}""", "NotAnInteger", "$.payload.ratio")]
    [InlineData("""{"a":1,"a":2}""", "DuplicateMember", "$.a")]
    [InlineData("""{"title":"\ud800"}""", "LoneSurrogate", "$.title")]
    [InlineData("""[9007199254740992]""", "IntegerOutOfRange", "$[0]")]
    [InlineData("""{"a":1,}""", "Malformed", "$.a")]
    [InlineData("", "Malformed", "$")]
    public void refused_input_exits_with_2_and_names_the_reason_and_path(string json, string kind, string path)
    {
        Outcome outcome = Run(json);

        outcome.ExitCode.ShouldBe(JcsCommand.InvalidInput);
        outcome.Output.ShouldBeEmpty();
        outcome.Error.ShouldContain(kind);
        outcome.Error.ShouldContain($" at {path}: ");
    }

    [Fact]
    public void rfc8785_mode_accepts_fractions_and_exponents()
    {
        Outcome outcome = Run("""{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"n":-0}""", JsonInputProfile.Rfc8785);

        outcome.ExitCode.ShouldBe(0);
        outcome.OutputText.ShouldBe("""{"n":0,"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27]}""");
    }

    [Theory]
    [InlineData("""{"a":1,"a":1.5}""", "DuplicateMember")]
    [InlineData("""["\udc00"]""", "LoneSurrogate")]
    [InlineData("""[1e999]""", "NumberOutOfRange")]
    public void rfc8785_mode_still_refuses_ambiguous_input(string json, string kind)
    {
        Outcome outcome = Run(json, JsonInputProfile.Rfc8785);

        outcome.ExitCode.ShouldBe(JcsCommand.InvalidInput);
        outcome.Error.ShouldContain(kind);
    }

    [Fact]
    public void invalid_utf8_on_standard_input_is_refused()
    {
        Outcome outcome = Run([(byte)'[', (byte)'"', 0xFF, (byte)'"', (byte)']'], JsonInputProfile.Ledger);

        outcome.ExitCode.ShouldBe(JcsCommand.InvalidInput);
        outcome.Error.ShouldContain("InvalidUtf8");
    }

    private static Outcome Run(string input, JsonInputProfile profile = JsonInputProfile.Ledger) =>
        Run(Encoding.UTF8.GetBytes(input), profile);

    private static Outcome Run(byte[] input, JsonInputProfile profile)
    {
        using var stdin = new MemoryStream(input);
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();

        int exitCode = JcsCommand.Run(stdin, stdout, stderr, profile);

        return new Outcome(exitCode, stdout.ToArray(), stderr.ToString());
    }
}
