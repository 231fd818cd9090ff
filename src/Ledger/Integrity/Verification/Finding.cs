using System.Text.Json.Serialization;

namespace Acgs.Ledger.Integrity.Verification;

// One thing the verifier proved wrong, located as precisely as the rows allow: the sequence of the
// offending row (absent for a stream-level finding), its stream and version, for the log the leaf
// index and checkpoint tree size, and a detail a person can act on. The kind is written as its name, as DESIGN §4.7 spells it.
public sealed record Finding(
    [property: JsonConverter(typeof(JsonStringEnumConverter<FindingKind>))] FindingKind Kind,
    long? Sequence,
    Guid? StreamId,
    long? Version,
    string Detail)
{
    public long? LeafIndex { get; init; }

    public long? TreeSize { get; init; }

    public override string ToString()
    {
        var where = string.Join(' ', new[]
        {
            Sequence is { } sequence ? $"seq {sequence}" : null,
            StreamId is { } stream ? $"stream {stream}" : null,
            Version is { } version ? $"version {version}" : null,
            LeafIndex is { } leaf ? $"leaf {leaf}" : null,
            TreeSize is { } size ? $"tree size {size}" : null,
        }.Where(part => part is not null));
        return $"{Kind} at {(where.Length == 0 ? "ledger" : where)}: {Detail}";
    }
}
