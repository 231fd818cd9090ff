using System.Net;
using System.Text.Json;
using Acgs.Api.Tests.Amendments;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Amendments;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Policies;
using Acgs.Ledger.Sealing;
using Marten;

namespace Acgs.Api.Tests.Reads;

// A ledger of its own with a history to read: three Council members, a Proposer and a suspended
// Auditor; one amendment ratified (the constitution moves to version 2), one withdrawn, one rejected;
// policies at several stages. The reads' tests only read it, except the drift tests, which put back
// what they change.
public sealed class ReadsHostFixture : IAsyncLifetime
{
    public static readonly string Database = TestEnvironment.DatabaseName("acgs_test_reads");

    private static readonly TimeSpan Settles = TimeSpan.FromSeconds(20);

    private LedgerHost? host;

    public LedgerHost Host => host ?? throw new InvalidOperationException("host not started");

    public GovernanceScenario Scenario { get; private set; } = null!;

    public IReadOnlyList<(Guid ActorId, SigningKey Key)> Council { get; private set; } = [];

    public Guid ProposerId { get; private set; }

    public Guid SuspendedAuditorId { get; private set; }

    public Guid Ratified { get; private set; }

    public Guid Withdrawn { get; private set; }

    public Guid Rejected { get; private set; }

    public string RatifiedPrinciple { get; } = "P-read-" + Guid.NewGuid().ToString("N")[..8];

    // An instant after genesis and before the ratification was sealed.
    public DateTimeOffset BeforeRatification { get; private set; }

    public Guid ActivePolicy { get; } = Guid.CreateVersion7();

    public Guid RevokedPolicy { get; } = Guid.CreateVersion7();

    public Guid VerifiedPolicy { get; } = Guid.CreateVersion7();

    public HttpClient Client => Host.Client;

    public async Task InitializeAsync()
    {
        var postgres = await TestEnvironment.RecreateDatabaseAsync(Database);
        host = await LedgerHost.StartAsync(postgres, TestEnvironment.Redis, TestLedger.Create(GovernanceHostFixture.Rules), ownsLedger: true);
        Scenario = new GovernanceScenario(host);
        Council = await Scenario.RegisterAsync(3, Role.Council);
        var proposer = await Scenario.Submitter.RegisterAsync(Role.Proposer);
        ProposerId = proposer.ActorId;
        var (auditorId, _) = await Scenario.Submitter.RegisterAsync(Role.Auditor);
        SuspendedAuditorId = auditorId;
        await Scenario.Submitter.ShouldAcceptAsync($"/v1/actors/{auditorId}/suspension",
            Scenario.Submitter.SignAsAdmin(new ActorSuspended(auditorId, "left the audit team"), EventTypes.ActorSuspended, auditorId, 1));

        var ratified = await Scenario.ProposeAsync(proposer.ActorId, proposer.Key, GovernanceScenario.Add(RatifiedPrinciple));
        Ratified = ratified.AmendmentId;
        BeforeRatification = LedgerTimestamp.Truncate(DateTimeOffset.UtcNow);
        await Task.Delay(5);
        foreach (var (member, key) in Council)
        {
            await Scenario.VoteAsync(Ratified, member, key, VoteChoice.For);
        }
        await Scenario.SettledAsync(Ratified, Settles);

        var withdrawn = await Scenario.ProposeAsync(proposer.ActorId, proposer.Key, GovernanceScenario.Add("P-read-withdrawn"));
        Withdrawn = withdrawn.AmendmentId;
        await Scenario.Submitter.ShouldAcceptAsync($"/v1/amendments/{Withdrawn}/withdrawal",
            Scenario.Submitter.Sign(new AmendmentWithdrawn(Withdrawn, proposer.ActorId, "merged into another draft"),
                EventTypes.AmendmentWithdrawn, proposer.ActorId, proposer.Key, Withdrawn, 1));

        var rejected = await Scenario.ProposeAsync(proposer.ActorId, proposer.Key, GovernanceScenario.Add("P-read-rejected"));
        Rejected = rejected.AmendmentId;
        await Scenario.VoteAsync(Rejected, Council[0].ActorId, Council[0].Key, VoteChoice.Against);
        await Scenario.VoteAsync(Rejected, Council[1].ActorId, Council[1].Key, VoteChoice.Against);
        await Scenario.SettledAsync(Rejected, Settles);

        await SeedPoliciesAsync();
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    // Every item of a list read, following nextCursor page by page.
    public async Task<IReadOnlyList<JsonElement>> AllPagesAsync(string path, int limit)
    {
        var items = new List<JsonElement>();
        var separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        string? cursor = null;
        do
        {
            var page = await GetJsonAsync($"{path}{separator}limit={limit}{(cursor is null ? "" : "&cursor=" + cursor)}");
            var pageItems = page.GetProperty("items").EnumerateArray().ToList();
            pageItems.Count.ShouldBeLessThanOrEqualTo(limit);
            items.AddRange(pageItems);
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return items;
    }

    // No policy act is served by this API yet: the policies' events are appended through the sealing
    // choke point as the submission pipeline would after its checks, signed by the Admin.
    private async Task SeedPoliciesAsync()
    {
        var first = Hash("package acgs\nallow := false");
        var second = Hash("package acgs\nallow := input.ratified");
        var generator = new GeneratorProvenance("gs", "1.0.0");
        await AppendAsync(ActivePolicy,
            new PolicySynthesized(ActivePolicy, Ratified, "ratified-only", "rego", "package acgs\nallow := false", first, generator),
            new PolicyVerificationRecorded(ActivePolicy, first, VerificationVerdict.Failed, ["denies-unratified"], "fv", "2.1", Hash("report-1")),
            new PolicySynthesized(ActivePolicy, Ratified, "ratified-only", "rego", "package acgs\nallow := input.ratified", second, generator),
            new PolicyVerificationRecorded(ActivePolicy, second, VerificationVerdict.Passed, ["denies-unratified"], "fv", "2.1", Hash("report-2")),
            new PolicyCompiled(ActivePolicy, second, "wasm", Hash("bundle"), "opa", "0.70.0"),
            new PolicyActivated(ActivePolicy, second));
        await AppendAsync(RevokedPolicy,
            new PolicySynthesized(RevokedPolicy, Ratified, "revoked", "rego", "package acgs\nallow := true", Hash("package acgs\nallow := true"), generator),
            new PolicyRevoked(RevokedPolicy, "allows everything"));
        await AppendAsync(VerifiedPolicy,
            new PolicySynthesized(VerifiedPolicy, Ratified, "verified", "rego", "package acgs\ndefault allow := false", Hash("package acgs\ndefault allow := false"), generator),
            new PolicyVerificationRecorded(VerifiedPolicy, Hash("package acgs\ndefault allow := false"), VerificationVerdict.Passed, ["total"], "fv", "2.1", Hash("report-3")));
    }

    private async Task AppendAsync(Guid policyId, params object[] events)
    {
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        for (var index = 0; index < events.Length; index++)
        {
            await using var session = store.LightweightSession();
            var stream = index == 0
                ? session.Events.StartStream(policyId, events[index])
                : session.Events.Append(policyId, index + 1L, events[index]);
            var pending = stream.Events.Single();
            var request = SignedRequestFactory.Sign(events[index], pending.EventTypeName, Host.Ledger.LedgerId, Host.Ledger.AdminId,
                Host.Ledger.AdminKey, policyId, index, DateTimeOffset.UtcNow);
            pending.SetHeader(PendingSeal.HeaderName, new PendingSeal(request.Submission, request.Signature, 1));
            await session.SaveChangesAsync();
        }
    }

    private static string Hash(string text) => Sha256Hex.Of(System.Text.Encoding.UTF8.GetBytes(text));
}

[CollectionDefinition(Name)]
public sealed class ReadsHostCollection : ICollectionFixture<ReadsHostFixture>
{
    public const string Name = "reads host";
}
