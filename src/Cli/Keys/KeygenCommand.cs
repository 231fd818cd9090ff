using System.ComponentModel;
using Acgs.Ledger.Identity;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Acgs.Cli.Keys;

// `acgs keygen --out NAME`: a new Ed25519 key in NAME.key (owner-only) and NAME.pub. Prints the
// public half and the key id, never the seed.
public sealed class KeygenCommand(IAnsiConsole console) : Command<KeygenCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-o|--out <NAME>", isRequired: true)]
        [Description("Path and base name of the key files: writes NAME.key and NAME.pub, never replacing either")]
        public string Name { get; init; } = string.Empty;

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Name) ? ValidationResult.Error("--out needs a file name") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        KeyFilePair files;
        try
        {
            files = Generate(settings.Name);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
            return 1;
        }

        console.MarkupLineInterpolated($"private key: {files.PrivateKeyPath} (owner read/write only; keep it secret)");
        console.MarkupLineInterpolated($"public key:  {files.PublicKeyPath}");
        console.MarkupLineInterpolated($"keyId:       {files.PublicKey.KeyId}");
        console.MarkupLineInterpolated($"publicKey:   {files.PublicKey.ToBase64()}");
        return 0;
    }

    internal static KeyFilePair Generate(string name)
    {
        using var key = SigningKey.Generate();
        return KeyFiles.Create(name, key);
    }
}
