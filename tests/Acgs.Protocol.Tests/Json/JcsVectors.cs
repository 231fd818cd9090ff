using System.Globalization;
using System.Security.Cryptography;

namespace Acgs.Protocol.Tests.Json;

/// <summary>Reads the RFC 8785 vector folders copied beside the tests (Vectors/, with their SOURCE.txt).</summary>
internal static class JcsVectors
{
    public const string Cyberphone = "rfc8785-jcs-cyberphone";
    public const string RfcText = "rfc8785-jcs-rfctext";
    public const string NumberGenerator = "rfc8785-jcs-numgen";

    public static string PathOf(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Vectors", .. parts]);

    public static byte[] Read(params string[] parts) => File.ReadAllBytes(PathOf(parts));

    public static string ReadText(params string[] parts) => File.ReadAllText(PathOf(parts));

    public static IEnumerable<string> CyberphoneNames() =>
        Directory.EnumerateFiles(PathOf(Cyberphone, "input"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    public static byte[] FromSpacedHex(string hex) =>
        Convert.FromHexString(string.Concat(hex.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

    public static double DoubleFromBits(string hex) =>
        BitConverter.UInt64BitsToDouble(ulong.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));

    /// <summary>
    /// The doubles of es6testfile100m.txt in order, regenerated as numgen.js does (see
    /// Vectors/rfc8785-jcs-numgen/SOURCE.txt): the static table, 2000 consecutive bit patterns from
    /// the smallest normal double, then a SHA-256 chain read as little-endian doubles.
    /// </summary>
    public static IEnumerable<ulong> Es6TestFileValues()
    {
        foreach (string line in File.ReadLines(PathOf(NumberGenerator, "static-values.txt")))
        {
            yield return ulong.Parse(line, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }

        const ulong SmallestNormal = 0x0010000000000000;
        for (ulong i = 0; i < 2000; i++)
        {
            yield return SmallestNormal + i;
        }

        byte[] block = new byte[32];
        while (true)
        {
            block = SHA256.HashData(block);
            for (int offset = 0; offset < block.Length; offset += sizeof(ulong))
            {
                ulong bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(block.AsSpan(offset));
                double value = BitConverter.UInt64BitsToDouble(bits);
                if (value != 0 && double.IsFinite(value))
                {
                    yield return bits;
                }
            }
        }
    }
}
