using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Acgs.Ledger.Integrity;

public static partial class LedgerJson
{
    private const int MaxShownValueLength = 80;

    /// <summary>
    /// Reads <paramref name="element"/> (already accepted by <see cref="StrictJson"/>) as a
    /// <typeparamref name="T"/> and accepts it only if the typed value serialises back to the same
    /// canonical bytes: otherwise what is stored would not be what was signed (DESIGN §4.2).
    /// </summary>
    public static bool TryDeserializeExact<T>(
        JsonElement element,
        [NotNullWhen(true)] out T? value,
        [NotNullWhen(false)] out JsonInputError? error)
    {
        value = default;
        JsonTypeInfo info = Options.GetTypeInfo(typeof(T));
        error = FindShapeError(element, info, []);
        if (error is not null)
        {
            return false;
        }

        try
        {
            value = element.Deserialize<T>(Options);
        }
        catch (JsonException e)
        {
            // A value read in its member's context (a property-level converter) may fail where the
            // same value read alone succeeds; the serializer's own path is the answer then.
            error = FindTypeMismatchIn(element, typeof(T), [])
                ?? new JsonInputError(JsonInputErrorKind.TypeMismatch, e.Path ?? JsonPath.Root, WithoutPosition(e.Message));
            return false;
        }

        if (value is null)
        {
            error = new JsonInputError(JsonInputErrorKind.TypeMismatch, JsonPath.Root, "the payload is null");
            return false;
        }

        byte[] typed = CanonicalJson.Serialize(value);
        if (typed.AsSpan().SequenceEqual(CanonicalJson.Canonicalize(element)))
        {
            return true;
        }

        using JsonDocument written = JsonDocument.Parse(typed);
        error = FirstDifference(element, written.RootElement, JsonPath.Root)
            ?? new JsonInputError(JsonInputErrorKind.RoundTripMismatch, JsonPath.Root, "the payload does not survive the typed round trip");
        value = default;
        return false;
    }

    /// <summary>Locates where the typed form departs from the input, to tell the client what it must write.</summary>
    private static JsonInputError? FirstDifference(JsonElement input, JsonElement typed, string path)
    {
        if (input.ValueKind == JsonValueKind.Object && typed.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty member in input.EnumerateObject())
            {
                string memberPath = JsonPath.Append(path, JsonPathSegment.Member(member.Name));
                if (!typed.TryGetProperty(member.Name, out JsonElement typedMember))
                {
                    return Mismatch(memberPath, "this member is dropped by the payload's type");
                }

                JsonInputError? error = FirstDifference(member.Value, typedMember, memberPath);
                if (error is not null)
                {
                    return error;
                }
            }

            foreach (JsonProperty member in typed.EnumerateObject())
            {
                if (!input.TryGetProperty(member.Name, out _))
                {
                    return Mismatch(
                        JsonPath.Append(path, JsonPathSegment.Member(member.Name)),
                        $"this member is absent but the payload's type writes it as {Show(member.Value)}");
                }
            }

            return null;
        }

        if (input.ValueKind == JsonValueKind.Array && typed.ValueKind == JsonValueKind.Array
            && input.GetArrayLength() == typed.GetArrayLength())
        {
            int index = 0;
            foreach ((JsonElement inputItem, JsonElement typedItem) in input.EnumerateArray().Zip(typed.EnumerateArray()))
            {
                JsonInputError? error = FirstDifference(inputItem, typedItem, JsonPath.Append(path, JsonPathSegment.Element(index++)));
                if (error is not null)
                {
                    return error;
                }
            }

            return null;
        }

        string inputCanonical = CanonicalJson.CanonicalizeToString(input);
        string typedCanonical = CanonicalJson.CanonicalizeToString(typed);
        return string.Equals(inputCanonical, typedCanonical, StringComparison.Ordinal)
            ? null
            : Mismatch(path, $"{Shorten(inputCanonical)} is written back as {Shorten(typedCanonical)}");
    }

    private static JsonInputError Mismatch(string path, string detail) =>
        new(JsonInputErrorKind.RoundTripMismatch, path, $"the payload does not survive the typed round trip: {detail}");

    private static string Show(JsonElement element) => Shorten(CanonicalJson.CanonicalizeToString(element));

    private static string Shorten(string canonical) =>
        canonical.Length <= MaxShownValueLength ? canonical : string.Concat(canonical.AsSpan(0, MaxShownValueLength), "…");

    /// <summary>The serializer appends the path and a byte position meant for its own buffer; the path is reported separately.</summary>
    private static string WithoutPosition(string message)
    {
        int cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
