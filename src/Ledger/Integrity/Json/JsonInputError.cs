namespace Acgs.Ledger.Integrity;

/// <summary>
/// Why a JSON input was refused, and where: <paramref name="Path"/> names the offending member or
/// element (<c>$.payload.principles[2].title</c>), so that a 400 can say which one.
/// </summary>
public sealed record JsonInputError(JsonInputErrorKind Kind, string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
