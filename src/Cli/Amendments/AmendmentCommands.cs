using System.ComponentModel;
using System.Text.Json;
using Acgs.Cli.Actors;
using Acgs.Cli.Reads;
using Acgs.Ledger;
using Acgs.Ledger.Amendments;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Acgs.Cli.Amendments;

internal class AmendmentChangeSettings : SignedActSettings
{
    [CommandOption("--amendment <ID>", isRequired: true)]
    [Description("The amendment")]
    public Guid Amendment { get; init; }

    [CommandOption("--expected-version <N>", isRequired: true)]
    [Description("The amendment stream's current version, as last seen (the event lands at N + 1)")]
    public long ExpectedVersion { get; init; }

    [CommandOption("--reason <TEXT>", isRequired: true)]
    [Description("Why, as it will stand in the ledger")]
    public string Reason { get; init; } = string.Empty;

    public override ValidationResult Validate()
    {
        var result = base.Validate();
        if (!result.Successful)
        {
            return result;
        }
        return CheckExpectedVersion(ExpectedVersion, "an amendment's stream starts with its proposal");
    }
}

// `acgs amendment propose`: the changes come from a file; the constitution's current version and
// voting window, and the Council to freeze as voters, are read from the ledger just before signing
// — the ledger refuses the proposal if any of them moved meanwhile.
internal sealed class ProposeCommand(ActSubmitter submitter, TextWriter error) : AsyncCommand<ProposeCommand.Settings>
{
    internal sealed class Settings : SignedActSettings
    {
        [CommandOption("--title <TEXT>", isRequired: true)]
        public string Title { get; init; } = string.Empty;

        [CommandOption("--rationale <TEXT>", isRequired: true)]
        public string Rationale { get; init; } = string.Empty;

        [CommandOption("--changes <FILE>", isRequired: true)]
        [Description("JSON array of changes: {\"kind\":\"addPrinciple|modifyPrinciple|repealPrinciple|changeMetaRules\", \"principleId\", \"title\", \"text\", \"metaRules\"}")]
        public string Changes { get; init; } = string.Empty;

        [CommandOption("--amendment <ID>")]
        [Description("The new amendment's id (default: a new UUIDv7)")]
        public Guid? Amendment { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        IReadOnlyList<AmendmentChange> changes;
        JsonElement constitution;
        IReadOnlyList<Guid> council;
        try
        {
            changes = ReadChanges(settings.Changes);
            using var reader = KeyFiles.ReadSigningKey(settings.Key);
            constitution = await LedgerReads.GetAsync(settings.Url, "/v1/constitution", reader, cancellationToken);
            council = await ReadCouncilAsync(settings.Url, reader, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException
                                              or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            error.WriteLine($"acgs: {exception.Message}");
            return ActSubmitter.Unusable;
        }

        var amendmentId = settings.Amendment ?? Guid.CreateVersion7();
        var constitutionId = constitution.GetProperty("constitutionId").GetGuid();
        var baseVersion = constitution.GetProperty("version").GetInt32();
        var window = constitution.GetProperty("metaRules").GetProperty("votingWindowSeconds").GetInt64();
        return await submitter.SubmitAsync(settings, (_, submittedAt) =>
            new ActorAct("/v1/amendments", EventTypes.AmendmentProposed, amendmentId, 0, settings.Signer,
                new AmendmentProposed(amendmentId, constitutionId, baseVersion, settings.Signer, settings.Title, settings.Rationale,
                    changes, council, submittedAt.AddSeconds(window)),
                $"amendment:  {amendmentId}"), cancellationToken);
    }

    private static IReadOnlyList<AmendmentChange> ReadChanges(string path)
    {
        using var parsed = StrictJson.Parse(File.ReadAllBytes(path));
        if (!parsed.IsValid)
        {
            throw new InvalidDataException($"{path}: {parsed.Error.Path}: {parsed.Error.Message}");
        }
        return LedgerJson.TryDeserializeExact<IReadOnlyList<AmendmentChange>>(parsed.RootElement, out var changes, out var problem)
            ? changes
            : throw new InvalidDataException($"{path}: {problem.Path}: {problem.Message}");
    }

    // Every active Council member, across pages.
    private static async Task<IReadOnlyList<Guid>> ReadCouncilAsync(string url, SigningKey reader, CancellationToken token)
    {
        var council = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await LedgerReads.GetAsync(url,
                "/v1/actors?role=council&suspended=false" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)), reader, token);
            council.AddRange(page.GetProperty("items").EnumerateArray().Select(actor => actor.GetProperty("actorId").GetGuid()));
            var next = page.GetProperty("nextCursor");
            cursor = next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        return council;
    }
}

internal sealed class VoteSettings : AmendmentChangeSettings
{
    [CommandOption("--choice <CHOICE>", isRequired: true)]
    [Description("for, against or abstain")]
    public VoteChoice Choice { get; init; }

    public override ValidationResult Validate()
    {
        var result = base.Validate();
        if (!result.Successful)
        {
            return result;
        }
        return Enum.IsDefined(Choice) ? ValidationResult.Success() : ValidationResult.Error("--choice is for, against or abstain");
    }
}

// `acgs amendment vote`: a Council member frozen into the proposal votes once, with a reason.
internal sealed class VoteCommand(ActSubmitter submitter) : AsyncCommand<VoteSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, VoteSettings settings, CancellationToken cancellationToken) =>
        submitter.SubmitAsync(settings, _ =>
            new ActorAct($"/v1/amendments/{settings.Amendment:D}/votes", EventTypes.AmendmentVoteCast, settings.Amendment,
                settings.ExpectedVersion, settings.Signer,
                new AmendmentVoteCast(settings.Amendment, settings.Signer, settings.Choice, settings.Reason)), cancellationToken);
}

// `acgs amendment withdraw`: its proposer withdraws an open amendment.
internal sealed class WithdrawCommand(ActSubmitter submitter) : AsyncCommand<AmendmentChangeSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, AmendmentChangeSettings settings, CancellationToken cancellationToken) =>
        submitter.SubmitAsync(settings, _ =>
            new ActorAct($"/v1/amendments/{settings.Amendment:D}/withdrawal", EventTypes.AmendmentWithdrawn, settings.Amendment,
                settings.ExpectedVersion, settings.Signer,
                new AmendmentWithdrawn(settings.Amendment, settings.Signer, settings.Reason)), cancellationToken);
}

internal static class AmendmentsConfiguration
{
    public static void ConfigureAmendments(this IConfigurator config, TextWriter error)
    {
        config.AddBranch("amendment", amendment =>
        {
            amendment.SetDescription("Propose, vote on and withdraw constitutional amendments. Exit 0: sealed; 1: refused by the ledger (a problem); 2: unusable input or no answer.");
            amendment.AddCommand<ProposeCommand>("propose")
                .WithDescription("Propose changes to the current constitution (a Proposer or Council member; prints the amendment id)")
                .WithExample("amendment", "propose", "--url", "http://127.0.0.1:8011", "--genesis", ".local/keys/genesis.json",
                    "--as", "<PROPOSER_ID>", "--key", "proposer.key", "--title", "Add an appeal principle", "--rationale", "Decisions need an appeal path",
                    "--changes", "changes.json");
            amendment.AddCommand<VoteCommand>("vote").WithDescription("Vote for, against or abstain (a Council member frozen into the proposal)");
            amendment.AddCommand<WithdrawCommand>("withdraw").WithDescription("Withdraw an open amendment (its proposer)");
        });
        config.Settings.Registrar.RegisterInstance(error);
    }
}
