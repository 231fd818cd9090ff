using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Acgs.Ledger.Integrity;

/// <summary>
/// Walks a JSON value alongside the serializer's metadata for its type, so that every refusal names
/// the member it concerns; the serializer's own errors leave out the path of unknown and missing
/// members and name the payload's root type where the member's type is meant.
/// </summary>
public static partial class LedgerJson
{
    /// <summary>Unknown members, missing members and nulls, which payloads never hold (DESIGN §4.1).</summary>
    private static JsonInputError? FindShapeError(JsonElement element, JsonTypeInfo info, List<JsonPathSegment> path)
    {
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when element.ValueKind == JsonValueKind.Object:
                foreach (JsonProperty member in element.EnumerateObject())
                {
                    path.Add(JsonPathSegment.Member(member.Name));
                    JsonPropertyInfo? property = FindProperty(info, member.Name);
                    JsonInputError? error = property is null
                        ? new JsonInputError(JsonInputErrorKind.UnknownMember, JsonPath.Format(path), "this member is not part of the payload's type")
                        : FindShapeErrorIn(member.Value, property.PropertyType, path);
                    if (error is not null)
                    {
                        return error;
                    }

                    path.RemoveAt(path.Count - 1);
                }

                foreach (JsonPropertyInfo property in info.Properties)
                {
                    bool required = property.IsRequired || property.AssociatedParameter is { HasDefaultValue: false };
                    if (required && !element.TryGetProperty(property.Name, out _))
                    {
                        path.Add(JsonPathSegment.Member(property.Name));
                        return new JsonInputError(JsonInputErrorKind.MissingMember, JsonPath.Format(path), "this required member is missing");
                    }
                }

                return null;
            case JsonTypeInfoKind.Enumerable when element.ValueKind == JsonValueKind.Array:
                return FindInItems(element, info.ElementType!, path, FindShapeErrorIn);
            case JsonTypeInfoKind.Dictionary when element.ValueKind == JsonValueKind.Object:
                return FindInEntries(element, info.ElementType!, path, FindShapeErrorIn);
            default:
                // Scalars, and shapes that disagree with the type: the serializer refuses those.
                return null;
        }
    }

    private static JsonInputError? FindShapeErrorIn(JsonElement value, Type type, List<JsonPathSegment> path)
    {
        // Nullable annotations are not enforced on collection items; this rule covers them too.
        // Free-form JSON members may hold null as data.
        if (value.ValueKind == JsonValueKind.Null && !IsFreeForm(type))
        {
            return new JsonInputError(JsonInputErrorKind.TypeMismatch, JsonPath.Format(path), "null is not accepted: payloads have no null or optional members");
        }

        return FindShapeError(value, Options.GetTypeInfo(type), path);
    }

    /// <summary>Finds the innermost value the serializer cannot read, and says what its member expects.</summary>
    private static JsonInputError? FindTypeMismatch(JsonElement element, JsonTypeInfo info, List<JsonPathSegment> path) =>
        info.Kind switch
        {
            JsonTypeInfoKind.Object when element.ValueKind == JsonValueKind.Object => FindInMembers(element, info, path),
            JsonTypeInfoKind.Enumerable when element.ValueKind == JsonValueKind.Array => FindInItems(element, info.ElementType!, path, FindTypeMismatchIn),
            JsonTypeInfoKind.Dictionary when element.ValueKind == JsonValueKind.Object => FindInEntries(element, info.ElementType!, path, FindTypeMismatchIn),
            _ => null,
        };

    private static JsonInputError? FindInMembers(JsonElement element, JsonTypeInfo info, List<JsonPathSegment> path)
    {
        foreach (JsonProperty member in element.EnumerateObject())
        {
            JsonPropertyInfo? property = FindProperty(info, member.Name);
            if (property is null)
            {
                continue;
            }

            path.Add(JsonPathSegment.Member(member.Name));
            JsonInputError? error = FindTypeMismatchIn(member.Value, property.PropertyType, path);
            if (error is not null)
            {
                return error;
            }

            path.RemoveAt(path.Count - 1);
        }

        return null;
    }

    private static JsonInputError? FindTypeMismatchIn(JsonElement value, Type type, List<JsonPathSegment> path)
    {
        try
        {
            value.Deserialize(type, Options);
            return null;
        }
        catch (JsonException)
        {
            JsonTypeInfo info = Options.GetTypeInfo(type);
            return FindTypeMismatch(value, info, path)
                ?? new JsonInputError(JsonInputErrorKind.TypeMismatch, JsonPath.Format(path), Expected(type, info));
        }
    }

    private static JsonInputError? FindInItems(
        JsonElement array, Type itemType, List<JsonPathSegment> path, Func<JsonElement, Type, List<JsonPathSegment>, JsonInputError?> find)
    {
        int index = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            path.Add(JsonPathSegment.Element(index++));
            JsonInputError? error = find(item, itemType, path);
            if (error is not null)
            {
                return error;
            }

            path.RemoveAt(path.Count - 1);
        }

        return null;
    }

    private static JsonInputError? FindInEntries(
        JsonElement dictionary, Type valueType, List<JsonPathSegment> path, Func<JsonElement, Type, List<JsonPathSegment>, JsonInputError?> find)
    {
        foreach (JsonProperty entry in dictionary.EnumerateObject())
        {
            path.Add(JsonPathSegment.Member(entry.Name));
            JsonInputError? error = find(entry.Value, valueType, path);
            if (error is not null)
            {
                return error;
            }

            path.RemoveAt(path.Count - 1);
        }

        return null;
    }

    private static JsonPropertyInfo? FindProperty(JsonTypeInfo info, string name)
    {
        foreach (JsonPropertyInfo property in info.Properties)
        {
            if (string.Equals(property.Name, name, StringComparison.Ordinal))
            {
                return property;
            }
        }

        return null;
    }

    private static bool IsFreeForm(Type type) =>
        type == typeof(JsonElement) || type == typeof(JsonElement?) || type == typeof(object) || typeof(JsonNode).IsAssignableFrom(type);

    private static string Expected(Type type, JsonTypeInfo info)
    {
        Type valueType = Nullable.GetUnderlyingType(type) ?? type;
        if (valueType.IsEnum)
        {
            IEnumerable<string> names = Enum.GetNames(valueType).Select(name => $"\"{JsonNamingPolicy.CamelCase.ConvertName(name)}\"");
            return $"expected one of {string.Join(", ", names)}";
        }

        if (valueType == typeof(DateTimeOffset))
        {
            return "expected a timestamp written yyyy-MM-ddTHH:mm:ss.fffZ (UTC, milliseconds), e.g. \"2026-02-28T09:30:00.125Z\"";
        }

        if (valueType == typeof(Guid))
        {
            return "expected a UUID, lowercase and hyphenated, e.g. \"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"";
        }

        if (IntegerRange(valueType) is (long minimum, long maximum))
        {
            return string.Create(CultureInfo.InvariantCulture, $"expected an integer from {minimum} to {maximum}");
        }

        return valueType == typeof(string) ? "expected a string"
            : valueType == typeof(bool) ? "expected true or false"
            : info.Kind switch
            {
                JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "expected an object",
                JsonTypeInfoKind.Enumerable => "expected an array",
                _ => "the value cannot be read as this member's type",
            };
    }

    /// <summary>The integers a member can hold, within the ledger's ±(2^53−1).</summary>
    private static (long Minimum, long Maximum)? IntegerRange(Type type)
    {
        (long Minimum, long Maximum)? range = Type.GetTypeCode(type) switch
        {
            TypeCode.SByte => (sbyte.MinValue, sbyte.MaxValue),
            TypeCode.Byte => (byte.MinValue, byte.MaxValue),
            TypeCode.Int16 => (short.MinValue, short.MaxValue),
            TypeCode.UInt16 => (ushort.MinValue, ushort.MaxValue),
            TypeCode.Int32 => (int.MinValue, int.MaxValue),
            TypeCode.UInt32 => (uint.MinValue, uint.MaxValue),
            TypeCode.Int64 => (long.MinValue, long.MaxValue),
            TypeCode.UInt64 => (0, long.MaxValue),
            _ => null,
        };
        return range is (long minimum, long maximum)
            ? (Math.Max(minimum, -StrictJson.MaxSafeInteger), Math.Min(maximum, StrictJson.MaxSafeInteger))
            : null;
    }
}
