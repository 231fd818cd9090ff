using System.ComponentModel;
using Acgs.Cli.Genesis;
using Acgs.Cli.Reads;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Integrity;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Acgs.Cli.Demo;

// `acgs demo`: fills a fresh ledger with a realistic governance history through its public HTTP API
// (DemoHistory), then says where the new actors' keys are and what to try next. A ledger that holds
// more than its genesis is refused before anything is written: the demo's story assumes that its
// actors are the whole Council.
internal sealed class DemoCommand(LedgerReader reader) : AsyncCommand<DemoCommand.Settings>
{
    // LedgerCreated, the System and Admin actors, constitution version 1.
    public const int GenesisEvents = 4;

    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--url <URL>", isRequired: true)]
        [Description("Base URL of the ledger's API as the ledger names itself (its Acgs:PublicBaseUrl), e.g. http://127.0.0.1:8011")]
        public string Url { get; init; } = string.Empty;

        [CommandOption("--genesis <FILE>", isRequired: true)]
        [Description("The ledger's genesis.json (its id, Admin and first constitution are read from it)")]
        public string Genesis { get; init; } = string.Empty;

        [CommandOption("--admin-key <FILE>", isRequired: true)]
        [Description("An Admin's private key file; it registers the demo's actors and activates policies")]
        public string AdminKey { get; init; } = string.Empty;

        [CommandOption("--as <ADMIN_ID>")]
        [Description("That Admin's actor id (default: the genesis Admin)")]
        public Guid? Admin { get; init; }

        [CommandOption("--keys-dir <FOLDER>")]
        [Description("A new or empty folder for the demo actors' keys and actors.json (default: demo/ beside the genesis file)")]
        public string? KeysDir { get; init; }

        public override ValidationResult Validate() => LedgerUrl.Check(Url, "--url");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var output = reader.Output;
        var error = reader.Error;
        DemoCast cast;
        LedgerCreated created;
        ConstitutionAdopted adopted;
        var keysDirectory = Path.GetFullPath(settings.KeysDir ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(settings.Genesis))!, "demo"));
        SigningKey adminKey;
        try
        {
            (created, adopted) = GenesisFile.Read(settings.Genesis);
            DemoCast.CheckFolder(keysDirectory);
            adminKey = KeyFiles.ReadSigningKey(settings.AdminKey);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"acgs: {exception.Message}");
            return LedgerReader.Unusable;
        }

        var councilSize = Math.Max(3, adopted.MetaRules.Quorum);
        if (councilSize > DemoCast.MaxCouncil)
        {
            adminKey.Dispose();
            error.WriteLine($"acgs: the constitution's quorum is {adopted.MetaRules.Quorum}; the demo registers at most {DemoCast.MaxCouncil} Council members");
            return LedgerReader.Unusable;
        }
        var admin = new DemoActor("Admin", "admin", settings.Admin ?? created.Admin.ActorId, [Role.Admin], adminKey);
        using (adminKey)
        using (var ledger = new DemoLedger(settings.Url, created.LedgerId, error))
        {
            try
            {
                var existing = await ledger.AuditAsync(admin, $"limit={GenesisEvents + 1}", cancellationToken);
                if (existing.Count > GenesisEvents)
                {
                    error.WriteLine($"acgs: the ledger at {settings.Url} already holds more than its {GenesisEvents} genesis events; acgs demo fills a fresh ledger only");
                    return LedgerReader.Unusable;
                }
                try
                {
                    cast = DemoCast.Create(admin, councilSize, keysDirectory);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    error.WriteLine($"acgs: {exception.Message}");
                    return LedgerReader.Unusable;
                }
                using (cast)
                {
                    output.WriteLine($"demo: writing a governance history into ledger {created.LedgerId:D} at {settings.Url}");
                    var summary = await new DemoHistory(ledger, created, adopted, cast, output).WriteAsync(cancellationToken);
                    WriteSummary(output, settings, summary, keysDirectory, cast);
                    return LedgerReader.Read;
                }
            }
            catch (DemoStopped stopped)
            {
                return stopped.ExitCode;
            }
            catch (InvalidOperationException exception)
            {
                error.WriteLine($"acgs: demo: {exception.Message}");
                return LedgerReader.Unusable;
            }
        }
    }

    private static void WriteSummary(TextWriter output, Settings settings, DemoSummary summary, string keysDirectory, DemoCast cast)
    {
        var auditorKey = DemoCast.KeyPath(keysDirectory, cast.Auditor);
        var stages = string.Join(", ", summary.PolicyStages.Where(stage => stage.Value > 0).Select(stage => $"{stage.Value} {stage.Key}"));
        var url = settings.Url.TrimEnd('/');
        output.WriteLine();
        output.WriteLine("demo: done");
        output.WriteLine($"actors:       {summary.Actors.Count} registered ({cast.Council.Count} Council members, a Proposer, GS, FV, PGC and an Auditor)");
        output.WriteLine($"amendments:   {summary.Ratified} ratified, {summary.Rejected} rejected, {summary.Withdrawn} withdrawn");
        output.WriteLine($"constitution: version {summary.ConstitutionVersion}, {summary.Principles} principles");
        output.WriteLine($"policies:     {summary.PolicyStages.Values.Sum()} ({stages})");
        output.WriteLine($"events:       {summary.ActsSealed} signed acts and {summary.SystemActs} System acts");
        output.WriteLine($"keys:         {keysDirectory} (who is who: {Path.Combine(keysDirectory, DemoCast.ActorsFile)})");
        output.WriteLine($"auditor key:  {auditorKey}");
        output.WriteLine();
        output.WriteLine("try:");
        output.WriteLine($"  acgs audit --url {url} --key {auditorKey} --type amendment-ratified");
        output.WriteLine($"  acgs audit --url {url} --key {auditorKey} --stream {summary.SupersededPolicy:D}");
        output.WriteLine($"  acgs audit --url {url} --key {auditorKey} --all --json");
        output.WriteLine($"  acgs constitution --url {url} --key {auditorKey}");
        output.WriteLine($"  acgs constitution --url {url} --key {auditorKey} --as-of {LedgerTimestamp.Format(summary.BeforeFirstRatification)}");
        output.WriteLine("  acgs verify --postgres \"$ACGS_POSTGRES\"");
    }
}
