using Acgs.Ledger.Integrity;

namespace Acgs.Protocol.Tests.Documents;

public class genesis_links_differ_per_stream_and_ledger
{
    [Fact]
    public void so_a_first_event_cannot_head_another_stream()
    {
        var ledgerId = Guid.NewGuid();
        var streamId = Guid.NewGuid();

        var link = GenesisLink.Compute(ledgerId, streamId);

        link.ShouldMatch("^[0-9a-f]{64}$");
        GenesisLink.Compute(ledgerId, Guid.NewGuid()).ShouldNotBe(link);
        GenesisLink.Compute(Guid.NewGuid(), streamId).ShouldNotBe(link);
        GenesisLink.Compute(streamId, ledgerId).ShouldNotBe(link);
    }
}
