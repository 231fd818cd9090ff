using System.ComponentModel;
using System.Text.Json;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Integrity.Notes;
using NSec.Cryptography;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Acgs.Cli.Genesis;

// `acgs init --constitution FILE --out DIR`: the key ceremony of a new ledger (DESIGN §4.5). Creates
// the ledger, System and first Admin keys and the signed genesis document the API appends on its
// first start. Never overwrites anything: a second ledger in the same folder is refused.
public sealed class InitCommand(IAnsiConsole console) : Command<InitCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-c|--constitution <FILE>", isRequired: true)]
        [Description("JSON file with the initial constitution: {\"principles\": [...], \"metaRules\": {...}}")]
        public string Constitution { get; init; } = string.Empty;

        [CommandOption("-o|--out <DIR>", isRequired: true)]
        [Description("Folder for genesis.json and the ledger, system and admin key files")]
        public string Out { get; init; } = string.Empty;

        [CommandOption("--host <HOST>")]
        [Description("Host part of the checkpoint origin <host>/acgs/<ledgerId> (default: localhost)")]
        public string Host { get; init; } = "localhost";
    }

    public sealed record InitialConstitution(IReadOnlyList<Principle> Principles, MetaRules MetaRules);

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        InitialConstitution constitution;
        try
        {
            constitution = ReadConstitution(settings.Constitution);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
            return 2;
        }

        var result = Run(settings.Out, settings.Host, constitution, DateTimeOffset.UtcNow);
        console.MarkupLineInterpolated($"ledger id:     {result.LedgerId}");
        console.MarkupLineInterpolated($"genesis:       {result.GenesisPath}");
        console.MarkupLineInterpolated($"admin actor:   {result.AdminId}");
        console.MarkupLineInterpolated($"admin key:     {result.AdminKeyPath} (owner read/write only; keep it secret)");
        // Written unwrapped: it is copied into checkpoint verifiers verbatim.
        Console.Out.WriteLine($"verifier key:  {result.VerifierKey}");
        return 0;
    }

    public sealed record InitResult(Guid LedgerId, Guid AdminId, string GenesisPath, string AdminKeyPath, string VerifierKey);

    internal static InitResult Run(string outDirectory, string host, InitialConstitution constitution, DateTimeOffset now)
    {
        Directory.CreateDirectory(outDirectory);
        var genesisPath = Path.GetFullPath(Path.Combine(outDirectory, "genesis.json"));
        if (File.Exists(genesisPath))
        {
            throw new IOException($"{genesisPath} already exists; a ledger is initialised once.");
        }
        using var ledgerKey = SigningKey.Generate();
        using var systemKey = SigningKey.Generate();
        using var adminKey = SigningKey.Generate();
        var genesis = GenesisDocument.Create(host, ledgerKey, systemKey, adminKey, constitution.Principles, constitution.MetaRules, now);
        KeyFiles.Create(Path.Combine(outDirectory, "ledger"), ledgerKey);
        KeyFiles.Create(Path.Combine(outDirectory, "system"), systemKey);
        var admin = KeyFiles.Create(Path.Combine(outDirectory, "admin"), adminKey);
        using (var file = new FileStream(genesisPath, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(CanonicalJson.Serialize(genesis));
        }

        var created = genesis.LedgerCreated.Payload.Deserialize<LedgerCreated>(LedgerJson.Options)!;
        var publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, ledgerKey.PublicKey.RawBytes, KeyBlobFormat.RawPublicKey);
        return new InitResult(created.LedgerId, created.Admin.ActorId, genesisPath, admin.PrivateKeyPath, NoteVerifierKey.Create(created.Origin, publicKey).ToString());
    }

    internal static InitialConstitution ReadConstitution(string path)
    {
        using var parsed = StrictJson.Parse(File.ReadAllBytes(path));
        if (!parsed.IsValid)
        {
            throw new InvalidDataException($"{path}: {parsed.Error.Path}: {parsed.Error.Message}");
        }
        if (!LedgerJson.TryDeserializeExact<InitialConstitution>(parsed.RootElement, out var constitution, out var error))
        {
            throw new InvalidDataException($"{path}: {error.Path}: {error.Message}");
        }
        // The same rules every later version must meet; the Council does not exist yet, so the
        // quorum is checked against it only when amendments are proposed.
        var problem = ConstitutionRules.CheckPrinciples(constitution.Principles) ?? ConstitutionRules.CheckMetaRules(constitution.MetaRules, councilSize: null);
        return problem is null ? constitution : throw new InvalidDataException($"{path}: {problem}");
    }
}
