using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Identity.Actors;

namespace Acgs.Api.Tests.Audit;

// A transaction held open while later ones commit and are sealed has a lower sequence number than
// events a reader already paged past. Paged by sequence it would be skipped; paged by leaf it is
// the next thing a reader that resumes sees.
[Collection(LedgerHostCollection.Name)]
public sealed class a_late_commit_still_appears_in_the_audit_trail(LedgerHostFixture fixture)
{
    private readonly AuditReads reads = new(fixture.Host);

    [Fact]
    public async Task a_reader_that_resumes_after_the_commit_gets_the_late_event_exactly_once()
    {
        var host = fixture.Host;
        var submitter = new Submitter(host);
        await using var lateRegistration = await LateRegistration.BeginAsync(host, LedgerHostFixture.Database);
        var lateActor = lateRegistration.ActorId;
        var later = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            later.Add((await submitter.RegisterAsync(Role.Council)).ActorId);
        }
        await reads.WaitUntilSealedAsync();
        var before = await reads.WalkAsync("/v1/audit/events", 50);
        before.ShouldNotContain(item => AuditReads.Stream(item) == lateActor);
        var lastSeen = AuditReads.Leaf(before[^1]);

        await lateRegistration.CommitAsync();
        await reads.WaitUntilSealedAsync();

        var (rest, _) = await reads.ReplayAsync(lastSeen + 1);
        rest.Count(item => AuditReads.Stream(item) == lateActor).ShouldBe(1);
        var after = await reads.WalkAsync("/v1/audit/events", 50);
        after.Take(before.Count).Select(AuditReads.Leaf).ShouldBe(before.Select(AuditReads.Leaf));
        var lateItem = after.Single(item => AuditReads.Stream(item) == lateActor);
        AuditReads.Leaf(lateItem).ShouldBeGreaterThan(lastSeen);
        (await reads.WalkAsync($"/v1/streams/{lateActor}/events", 10)).Select(AuditReads.Leaf).ShouldBe([AuditReads.Leaf(lateItem)]);
        // Its sequence is lower than those of events logged before it.
        (await reads.SeqOfAsync(lateActor)).ShouldBeLessThan(await reads.SeqOfAsync(later[0]));
    }
}
