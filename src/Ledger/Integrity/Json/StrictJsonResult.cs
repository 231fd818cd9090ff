using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Acgs.Ledger.Integrity;

/// <summary>
/// The outcome of <see cref="StrictJson.Parse"/>: a document, or the reason the input was refused.
/// Dispose it to return the document's pooled memory.
/// </summary>
public sealed class StrictJsonResult : IDisposable
{
    private StrictJsonResult(JsonDocument? document, JsonInputError? error)
    {
        Document = document;
        Error = error;
    }

    /// <summary>The parsed input; it reads from the caller's memory, which must not change while the document is in use.</summary>
    public JsonDocument? Document { get; }

    public JsonInputError? Error { get; }

    [MemberNotNullWhen(true, nameof(Document))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Document is not null;

    /// <summary>The root element of a valid input.</summary>
    /// <exception cref="InvalidOperationException">The input was refused.</exception>
    public JsonElement RootElement => IsValid
        ? Document.RootElement
        : throw new InvalidOperationException($"The input was refused: {Error}");

    public void Dispose() => Document?.Dispose();

    internal static StrictJsonResult Success(JsonDocument document) => new(document, null);

    internal static StrictJsonResult Failure(JsonInputError error) => new(null, error);
}
