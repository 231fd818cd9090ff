using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Acgs.Ledger.Integrity;

/// <summary>
/// The one System.Text.Json configuration of the ledger, shared by storage (Marten) and hashing:
/// JCS(payload as read back) must equal JCS(payload as signed) (DESIGN §4.2), which only holds when
/// both sides write the same names, enums and timestamps.
/// </summary>
public static partial class LedgerJson
{
    /// <summary>The shared options; read-only, so that no caller can drift from the signed form.</summary>
    public static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>
    /// Applies the ledger's settings to options owned by someone else (a serializer, such as Marten's,
    /// that builds its own instance); <see cref="Options"/> is built with exactly this.
    /// </summary>
    public static void ApplyTo(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = false;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        // Payloads have no optional members: a null is never part of the signed form.
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.AllowTrailingCommas = false;
        options.MaxDepth = StrictJson.MaxDepth;
        options.Converters.Add(CreateEnumConverter());
        options.Converters.Add(new LedgerTimestampConverter());
        // Reflection metadata, as Marten uses; read-only options need a resolver fixed up front.
        options.TypeInfoResolver ??= new DefaultJsonTypeInfoResolver();
    }

    /// <summary>Enum members as the ledger signs them: camelCase names, never integers.</summary>
    internal static JsonStringEnumConverter CreateEnumConverter() => new(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        ApplyTo(options);
        options.MakeReadOnly();
        return options;
    }
}
