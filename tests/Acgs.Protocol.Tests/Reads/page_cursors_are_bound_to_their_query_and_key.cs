using System.Buffers.Text;
using System.Reflection;
using Acgs.Ledger;
using Acgs.Ledger.Reads;
using CsCheck;

namespace Acgs.Protocol.Tests.Reads;

public class page_cursors_are_bound_to_their_query_and_key
{
    private static readonly byte[] Key = Enumerable.Range(1, PageCursor.KeyBytes).Select(value => (byte)value).ToArray();
    private static readonly string Query = "audit-events\n" + new AuditFilter(ActorId: Guid.Parse("0190a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b")).CanonicalText();

    [Fact]
    public void a_cursor_reads_back_its_leaf_under_its_own_key_and_query_only()
    {
        Gen.Long[0, long.MaxValue].Sample(afterLeaf =>
        {
            var cursor = PageCursor.Issue(Key, Query, afterLeaf);

            cursor.Length.ShouldBe(PageCursor.TextLength);
            PageCursor.TryRead(Key, Query, cursor, out var read).ShouldBeTrue();
            read.ShouldBe(afterLeaf);
            PageCursor.TryRead(Key, Query + " ", cursor, out _).ShouldBeFalse();
            PageCursor.TryRead(Key, "stream-events\n" + AuditFilter.All.CanonicalText(), cursor, out _).ShouldBeFalse();
            var otherKey = (byte[])Key.Clone();
            otherKey[^1] ^= 1;
            PageCursor.TryRead(otherKey, Query, cursor, out _).ShouldBeFalse();
        });
    }

    [Fact]
    public void every_single_bit_change_is_refused()
    {
        var cursor = PageCursor.Issue(Key, Query, 41);
        var bytes = Base64Url.DecodeFromChars(cursor);
        for (var bit = 0; bit < bytes.Length * 8; bit++)
        {
            var changed = (byte[])bytes.Clone();
            changed[bit / 8] ^= (byte)(1 << (bit % 8));
            PageCursor.TryRead(Key, Query, Base64Url.EncodeToString(changed), out _).ShouldBeFalse($"bit {bit}");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("'; drop table acgs.log_leaves; --'; drop table acgs.log_leaves; --'; drop t")]
    public void text_that_is_no_cursor_is_refused(string? text) =>
        PageCursor.TryRead(Key, Query, text, out _).ShouldBeFalse();

    [Fact]
    public void padded_or_non_canonical_spellings_of_a_cursor_are_refused()
    {
        var cursor = PageCursor.Issue(Key, Query, 7);
        // The last character carries two bits the token does not use: setting one of them spells the
        // same bytes another way, and is refused, so one cursor has one spelling.
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var sibling = alphabet[alphabet.IndexOf(cursor[^1], StringComparison.Ordinal) + 1];

        PageCursor.TryRead(Key, Query, cursor[..^1] + sibling, out _).ShouldBeFalse();
        PageCursor.TryRead(Key, Query, cursor + "=", out _).ShouldBeFalse();
        PageCursor.TryRead(Key, Query, cursor[..^1] + " " + cursor[^1], out _).ShouldBeFalse();
    }

    [Fact]
    public void filters_that_select_the_same_events_have_the_same_text_and_others_differ()
    {
        var actor = Guid.CreateVersion7();
        new AuditFilter(ActorId: actor).CanonicalText().ShouldBe(new AuditFilter(actor, null, null, null, null).CanonicalText());
        new AuditFilter(ActorId: actor).CanonicalText().ShouldNotBe(new AuditFilter(StreamId: actor).CanonicalText());
        new AuditFilter(From: DateTimeOffset.UnixEpoch).CanonicalText().ShouldNotBe(new AuditFilter(To: DateTimeOffset.UnixEpoch).CanonicalText());
    }

    [Fact]
    public void every_registered_event_type_is_a_known_name()
    {
        var constants = typeof(EventTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!);

        EventTypes.Names.Order(StringComparer.Ordinal).ShouldBe(constants.Order(StringComparer.Ordinal));
        EventTypes.Names.ShouldAllBe(name => name.Length <= EventTypes.MaxNameLength);
    }
}
