using System.Net;
using System.Text;
using System.Text.Json;
using Acgs.Ledger;
using Acgs.Ledger.Amendments;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Policies;
using Acgs.Ledger.Sealing;
using Marten;

namespace Acgs.Api.Tests.Infrastructure;

// Drives a policy's life over HTTP as its actors would: GS synthesizes from an amendment the Council
// ratified, FV and PGC record their results, an Admin activates. Works on a shared ledger whose
// Council is larger than the quorum: new Council members all voting for meet any threshold.
public sealed class PolicyScenario : IDisposable
{
    public const string Source = "package acgs.transparency\n\ndefault allow := false\n";
    public const string FixedSource = "package acgs.transparency\n\ndefault allow := false\n\nallow if input.signed\n";

    private readonly LedgerHost host;
    private readonly GovernanceScenario governance;

    private PolicyScenario(LedgerHost host, GovernanceScenario governance, (Guid, SigningKey) synthesizer, (Guid, SigningKey) verifier, (Guid, SigningKey) compiler)
    {
        this.host = host;
        this.governance = governance;
        Synthesizer = synthesizer;
        Verifier = verifier;
        Compiler = compiler;
    }

    public Submitter Submitter => governance.Submitter;

    public (Guid ActorId, SigningKey Key) Synthesizer { get; }

    public (Guid ActorId, SigningKey Key) Verifier { get; }

    public (Guid ActorId, SigningKey Key) Compiler { get; }

    public (Guid ActorId, SigningKey Key) Admin => (host.Ledger.AdminId, host.Ledger.AdminKey);

    public static readonly string ArtifactHash = Sha256Hex.Of("artifact"u8);

    public static async Task<PolicyScenario> CreateAsync(LedgerHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var governance = new GovernanceScenario(host);
        return new PolicyScenario(host, governance,
            await governance.Submitter.RegisterAsync(Role.Synthesizer),
            await governance.Submitter.RegisterAsync(Role.Verifier),
            await governance.Submitter.RegisterAsync(Role.Compiler));
    }

    public static string HashOf(string source) => Sha256Hex.Of(Encoding.UTF8.GetBytes(source));

    // Proposed by a new Council member and voted for by as many new members as the quorum asks.
    public async Task<Guid> RatifiedAmendmentAsync()
    {
        var (amendmentId, council) = await ProposeAsync();
        foreach (var (voterId, key) in council)
        {
            using (key)
            {
                await governance.VoteAsync(amendmentId, voterId, key, VoteChoice.For);
            }
        }
        (await governance.SettledAsync(amendmentId, TimeSpan.FromSeconds(30))).Status.ShouldBe(AmendmentStatus.Ratified);
        return amendmentId;
    }

    public async Task<Guid> OpenAmendmentAsync()
    {
        var (amendmentId, council) = await ProposeAsync();
        foreach (var (_, key) in council)
        {
            key.Dispose();
        }
        return amendmentId;
    }

    private async Task<(Guid AmendmentId, IReadOnlyList<(Guid ActorId, SigningKey Key)> Council)> ProposeAsync()
    {
        var rules = (await governance.ConstitutionAsync()).MetaRules;
        var council = await governance.RegisterAsync(Math.Max(3, rules.Quorum), Role.Council);
        var proposal = await governance.ProposeAsync(council[0].ActorId, council[0].Key, GovernanceScenario.Add("P-" + Guid.NewGuid().ToString("N")));
        return (proposal.AmendmentId, council);
    }

    public static PolicySynthesized Synthesis(Guid amendmentId, string source = Source, Guid? policyId = null, Guid? supersedes = null) =>
        new(policyId ?? Guid.CreateVersion7(), amendmentId, "transparency", "rego", source, HashOf(source),
            new GeneratorProvenance("acgs-gs", "2.1.0", "a language model", HashOf("the principles it was given")), supersedes);

    public static PolicyVerificationRecorded Verification(Guid policyId, string sourceHash, VerificationVerdict verdict) =>
        new(policyId, sourceHash, verdict, ["every act is signed", "no act bypasses the Council"], "z3", "4.13.0", ArtifactHash);

    public static PolicyCompiled Compilation(Guid policyId, string sourceHash) => new(policyId, sourceHash, "wasm", ArtifactHash, "opa", "1.4.2");

    // Signed at the policy stream's current version, by the actor whose role the act needs unless told.
    public async Task<SignedRequest> SignAsync<T>(Guid policyId, T payload, (Guid ActorId, SigningKey Key)? signer = null)
        where T : notnull
    {
        var version = await Submitter.Rows.StreamVersionAsync(policyId);
        var (actorId, key) = signer ?? SignerOf(payload);
        return Submitter.Sign(payload, TypeOf(payload), actorId, key, policyId, version);
    }

    public async Task<JsonElement> AcceptAsync<T>(Guid policyId, T payload, (Guid ActorId, SigningKey Key)? signer = null)
        where T : notnull =>
        await Submitter.ShouldAcceptAsync(PathOf(policyId, payload), await SignAsync(policyId, payload, signer));

    public async Task RefuseAsync<T>(Guid policyId, T payload, HttpStatusCode status, string kind, (Guid ActorId, SigningKey Key)? signer = null)
        where T : notnull =>
        await Submitter.ShouldRefuseAsync(PathOf(policyId, payload), await SignAsync(policyId, payload, signer), status, kind);

    // Synthesized, verified, compiled and activated; returns the policy's id.
    public async Task<Guid> ActivePolicyAsync(Guid amendmentId, string source = Source, Guid? supersedes = null)
    {
        var synthesis = Synthesis(amendmentId, source, supersedes: supersedes);
        await AcceptAsync(synthesis.PolicyId, synthesis);
        await AcceptAsync(synthesis.PolicyId, Verification(synthesis.PolicyId, synthesis.SourceHash, VerificationVerdict.Passed));
        await AcceptAsync(synthesis.PolicyId, Compilation(synthesis.PolicyId, synthesis.SourceHash));
        await AcceptAsync(synthesis.PolicyId, new PolicyActivated(synthesis.PolicyId, synthesis.SourceHash));
        return synthesis.PolicyId;
    }

    public async Task<PolicyState?> PolicyAsync(Guid policyId)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<PolicyState>(policyId);
    }

    public void Dispose()
    {
        Synthesizer.Key.Dispose();
        Verifier.Key.Dispose();
        Compiler.Key.Dispose();
    }

    public static string PathOf(Guid policyId, object payload) => payload switch
    {
        PolicySynthesized => "/v1/policies",
        PolicyVerificationRecorded => $"/v1/policies/{policyId}/verifications",
        PolicyCompiled => $"/v1/policies/{policyId}/compilations",
        PolicyActivated => $"/v1/policies/{policyId}/activation",
        PolicyRevoked => $"/v1/policies/{policyId}/revocation",
        _ => throw new ArgumentException($"no policy route takes {payload.GetType().Name}", nameof(payload)),
    };

    private static string TypeOf(object payload) => payload switch
    {
        PolicySynthesized => EventTypes.PolicySynthesized,
        PolicyVerificationRecorded => EventTypes.PolicyVerificationRecorded,
        PolicyCompiled => EventTypes.PolicyCompiled,
        PolicyActivated => EventTypes.PolicyActivated,
        PolicyRevoked => EventTypes.PolicyRevoked,
        _ => throw new ArgumentException($"{payload.GetType().Name} is no policy act", nameof(payload)),
    };

    private (Guid ActorId, SigningKey Key) SignerOf(object payload) => payload switch
    {
        PolicySynthesized => Synthesizer,
        PolicyVerificationRecorded => Verifier,
        PolicyCompiled => Compiler,
        _ => Admin,
    };
}
