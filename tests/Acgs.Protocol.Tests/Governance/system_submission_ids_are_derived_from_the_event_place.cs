using System.Security.Cryptography;
using System.Text;
using Acgs.Ledger.Sealing;

namespace Acgs.Protocol.Tests.Governance;

// PROTOCOL.md §6.4: two nodes deriving the same System event must sign the same submission id.
public sealed class system_submission_ids_are_derived_from_the_event_place
{
    private static readonly Guid Stream = Guid.Parse("01a21c7d-bd56-7278-a588-bb1e80ef080e");

    [Fact]
    public void the_id_is_the_documented_uuid_v8_of_stream_version_and_type()
    {
        var id = SystemActor.SubmissionIdFor(new SystemEvent(Stream, 4, "amendment-ratified", new object()));

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("acgs:system-submission:v1\n01a21c7d-bd56-7278-a588-bb1e80ef080e\n5\namendment-ratified"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        id.ShouldBe(new Guid(hash.AsSpan(0, 16), bigEndian: true));
        id.Version.ShouldBe(8);
    }

    [Fact]
    public void another_version_or_type_gives_another_id()
    {
        var ids = new[]
        {
            SystemActor.SubmissionIdFor(new SystemEvent(Stream, 4, "amendment-ratified", new object())),
            SystemActor.SubmissionIdFor(new SystemEvent(Stream, 5, "amendment-ratified", new object())),
            SystemActor.SubmissionIdFor(new SystemEvent(Stream, 4, "amendment-rejected", new object())),
        };

        ids.Distinct().Count().ShouldBe(3);
    }
}
