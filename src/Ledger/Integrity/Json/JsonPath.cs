using System.Globalization;
using System.Text;

namespace Acgs.Ledger.Integrity;

/// <summary>One step of a path: a member name, or an array index when <see cref="Name"/> is null.</summary>
internal readonly record struct JsonPathSegment(string? Name, int Index)
{
    public static JsonPathSegment Member(string name) => new(name, -1);

    public static JsonPathSegment Element(int index) => new(null, index);
}

/// <summary>
/// Renders paths the way System.Text.Json's own errors do: <c>$.payload.principles[2].title</c>, with
/// names that are not plain identifiers in brackets (<c>$['a b']</c>), escaped so that a name made of
/// control characters or a lone surrogate still prints legibly.
/// </summary>
internal static class JsonPath
{
    public const string Root = "$";

    public static string Format(IEnumerable<JsonPathSegment> segments)
    {
        var builder = new StringBuilder(Root);
        foreach (JsonPathSegment segment in segments)
        {
            Append(builder, segment);
        }

        return builder.ToString();
    }

    public static string Append(string path, JsonPathSegment segment) =>
        Append(new StringBuilder(path), segment).ToString();

    private static StringBuilder Append(StringBuilder builder, JsonPathSegment segment)
    {
        if (segment.Name is null)
        {
            return builder.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }

        if (IsIdentifier(segment.Name))
        {
            return builder.Append('.').Append(segment.Name);
        }

        builder.Append("['");
        string name = segment.Name;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool pairedSurrogate = char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]);
            if (pairedSurrogate)
            {
                builder.Append(c).Append(name[++i]);
            }
            else if (c is '\'' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c < ' ' || char.IsSurrogate(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append("']");
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
