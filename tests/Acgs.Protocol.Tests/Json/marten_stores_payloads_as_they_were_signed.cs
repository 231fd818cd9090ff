using System.Text.Json;
using Acgs.Ledger;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;
using Marten;

namespace Acgs.Protocol.Tests.Json;

// DESIGN §4.2: JCS(event data as stored) must equal JCS(payload as signed), or every stored event
// fails its payloadHash. Marten's own serializer settings once wrote enums as declared ("Admin").
public class marten_stores_payloads_as_they_were_signed
{
    private static readonly ISerializer Storage =
        new StoreOptions().ConfigureLedger("Host=127.0.0.1;Database=unused", new LedgerClock(TimeProvider.System)).Serializer();

    public static TheoryData<object> Payloads() => new()
    {
        new ActorRegistered(Guid.Parse("0194f4c2-7a1e-7c3d-9b2a-5e6f7a8b9c0d"), "Council member", [Role.Council, Role.Admin], "key", "proof"),
        new ConstitutionAdopted(Guid.Parse("0194f4c2-7a1e-7c3d-9b2a-5e6f7a8b9c0e"), [new Principle("P1", "Title", "Text", 1)],
            new MetaRules(3, 2, 3, 259_200, AbstentionRule.CountTowardQuorumOnly)),
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void stored_json_canonicalises_to_the_signed_payload(object payload)
    {
        using var stored = JsonDocument.Parse(Storage.ToJson(payload));

        CanonicalJson.CanonicalizeToString(stored.RootElement)
            .ShouldBe(System.Text.Encoding.UTF8.GetString(CanonicalJson.Serialize(payload)));
    }
}
