using System.Text.Json;

namespace Acgs.Ledger.Integrity.Verification;

// A document Marten keeps per stream (an inline snapshot or read model), described so that level 4b
// of DESIGN §4.7 can replay it: which stored event types it follows, read as which records, and the
// one pure fold that both the projection and the verifier run. The verifier needs nothing else to
// judge it, so read models defined outside this assembly are checked the same way as the ledger's own.
public abstract class StreamDocument
{
    private protected StreamDocument(Type documentType, IReadOnlyDictionary<string, Type> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        DocumentType = documentType;
        Events = events;
        // Marten's default table for a document type: mt_doc_ and the type's name in lowercase.
        Table = $"mt_doc_{documentType.Name.ToLowerInvariant()}";
    }

    public Type DocumentType { get; }

    public string Table { get; }

    // Stored event type name → the record its data is read as.
    public IReadOnlyDictionary<string, Type> Events { get; }

    // One stored event applied: its data read as the record its type names; other types pass by.
    internal abstract object? Replay(object? document, string type, string data, long version);
}

// `fold(document, event, version)`: the document after one event of the stream at that version, or
// null while the stream has produced none.
public sealed class StreamDocument<T>(IReadOnlyDictionary<string, Type> events, Func<T?, object, long, T?> fold)
    : StreamDocument(typeof(T), events)
    where T : class
{
    public T? Fold(T? document, object data, long version) => fold(document, data, version);

    public T? Apply(T? document, string type, string data, long version) =>
        Events.TryGetValue(type, out var record)
            ? fold(document, JsonSerializer.Deserialize(data, record, LedgerJson.Options) ?? throw new JsonException($"{type} has no data"), version)
            : document;

    internal override object? Replay(object? document, string type, string data, long version) => Apply((T?)document, type, data, version);
}
