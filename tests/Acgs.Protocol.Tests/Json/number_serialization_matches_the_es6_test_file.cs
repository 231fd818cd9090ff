using System.Globalization;
using System.Security.Cryptography;
using Acgs.Ledger.Integrity;

namespace Acgs.Protocol.Tests.Json;

/// <summary>
/// The reference implementation publishes SHA-256 checksums of prefixes of its 100-million-line
/// number file; regenerating the same doubles and printing them with our serialiser must give the
/// same bytes. Prefixes up to a million lines run by default (seconds); set ACGS_ES6_MAX_LINES to
/// 100000000 to check the whole file (minutes).
/// </summary>
public class number_serialization_matches_the_es6_test_file
{
    private const int DefaultMaxLines = 1_000_000;

    private static int MaxLinesInSuite =>
        int.TryParse(Environment.GetEnvironmentVariable("ACGS_ES6_MAX_LINES"), NumberStyles.None, CultureInfo.InvariantCulture, out int lines)
            ? lines
            : DefaultMaxLines;

    public static TheoryData<int, string> PublishedPrefixes
    {
        get
        {
            var rows = new TheoryData<int, string>();
            foreach (string line in File.ReadLines(JcsVectors.PathOf(JcsVectors.Cyberphone, "es6testfile-checksums.txt")))
            {
                if (line.StartsWith('#'))
                {
                    continue;
                }

                string[] fields = line.Split(' ');
                int lines = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (lines <= MaxLinesInSuite)
                {
                    rows.Add(lines, fields[0]);
                }
            }

            return rows;
        }
    }

    [Fact]
    public void at_least_the_published_prefixes_up_to_a_million_lines_are_checked()
    {
        new[] { 1_000, 10_000, 100_000, 1_000_000 }.ShouldBeSubsetOf(PublishedPrefixes.Select(row => (int)row[0]));
    }

    [Theory]
    [MemberData(nameof(PublishedPrefixes))]
    public void regenerated_prefix_has_the_published_checksum(int lines, string sha256)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var failures = new List<string>();
        byte[] line = new byte[64];
        int lineNumber = 0;
        foreach (ulong bits in JcsVectors.Es6TestFileValues().Take(lines))
        {
            lineNumber++;
            double value = BitConverter.UInt64BitsToDouble(bits);
            bits.TryFormat(line, out int length, "x", CultureInfo.InvariantCulture).ShouldBeTrue();
            line[length++] = (byte)',';
            int numberStart = length;
            length += EcmaScriptNumber.Format(value, line.AsSpan(length));
            line[length++] = (byte)'\n';
            hash.AppendData(line, 0, length);

            // A checksum cannot say which line is wrong; a number that does not even read back as
            // its double can, so those are listed by line.
            double readBack = double.Parse(line.AsSpan(numberStart, length - numberStart - 1), NumberStyles.Float, CultureInfo.InvariantCulture);
            if (readBack != value && failures.Count < 20)
            {
                failures.Add($"line {lineNumber}: {bits:x} printed as {System.Text.Encoding.ASCII.GetString(line, numberStart, length - numberStart - 1)}");
            }
        }

        failures.ShouldBeEmpty();
        Convert.ToHexStringLower(hash.GetHashAndReset()).ShouldBe(sha256);
    }
}
