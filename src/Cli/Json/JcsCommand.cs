using System.ComponentModel;
using Acgs.Ledger.Integrity;
using Spectre.Console.Cli;

namespace Acgs.Cli.Json;

public sealed class JcsSettings : CommandSettings
{
    [CommandOption("--rfc8785")]
    [Description("Accept any input RFC 8785 can canonicalise (fractions, exponents), not only the ledger's I-JSON profile.")]
    public bool Rfc8785 { get; init; }
}

/// <summary>
/// <c>acgs jcs</c>: reads JSON on standard input and writes its RFC 8785 canonical form, byte for byte
/// what the ledger hashes, with no trailing newline (a newline would change the hash).
/// </summary>
public sealed class JcsCommand : Command<JcsSettings>
{
    /// <summary>Exit code for input that is refused; usage errors keep Spectre's own codes.</summary>
    public const int InvalidInput = 2;

    public override int Execute(CommandContext context, JcsSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using Stream input = Console.OpenStandardInput();
        using Stream output = Console.OpenStandardOutput();
        return Run(input, output, Console.Error, settings.Rfc8785 ? JsonInputProfile.Rfc8785 : JsonInputProfile.Ledger);
    }

    /// <summary>The whole command, without a console: canonicalises <paramref name="input"/> into <paramref name="output"/>.</summary>
    internal static int Run(Stream input, Stream output, TextWriter error, JsonInputProfile profile)
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);

        using StrictJsonResult result = StrictJson.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), profile);
        if (!result.IsValid)
        {
            error.WriteLine($"acgs jcs: refused ({result.Error.Kind}) at {result.Error.Path}: {result.Error.Message}");
            return InvalidInput;
        }

        output.Write(CanonicalJson.Canonicalize(result.RootElement));
        output.Flush();
        return 0;
    }
}
