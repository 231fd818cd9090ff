namespace Acgs.Ledger.Integrity;

/// <summary>
/// The reasons the ledger refuses a JSON input (DESIGN §4.1). Each is a distinct kind so that an API
/// can map it to its own problem type; the names are stable.
/// </summary>
public enum JsonInputErrorKind
{
    /// <summary>Not RFC 8259 JSON: syntax error, trailing content or comma, comment, byte order mark, empty input.</summary>
    Malformed,

    /// <summary>The bytes are not well-formed UTF-8.</summary>
    InvalidUtf8,

    /// <summary>Objects and arrays nest deeper than <see cref="StrictJson.MaxDepth"/>.</summary>
    DepthExceeded,

    /// <summary>An object names the same member twice (after unescaping); two parsers could read two different values.</summary>
    DuplicateMember,

    /// <summary>A string or member name holds an unpaired UTF-16 surrogate, usually written as an escape such as <c>\ud800</c>.</summary>
    LoneSurrogate,

    /// <summary>A string or member name holds U+0000, which PostgreSQL's jsonb refuses.</summary>
    NullCharacter,

    /// <summary>A string or member name holds a Unicode noncharacter (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF), which I-JSON forbids.</summary>
    Noncharacter,

    /// <summary>A number has a fraction or an exponent; ledger numbers are integers (ratios are a numerator and a denominator).</summary>
    NotAnInteger,

    /// <summary>The number is <c>-0</c>.</summary>
    NegativeZero,

    /// <summary>An integer lies outside ±(2^53−1), where IEEE 754 doubles stop being exact.</summary>
    IntegerOutOfRange,

    /// <summary>A number is beyond the IEEE 754 double range (only in the RFC 8785 profile, which allows fractions).</summary>
    NumberOutOfRange,

    /// <summary>A member that the payload's type does not define.</summary>
    UnknownMember,

    /// <summary>A member that the payload's type requires is absent.</summary>
    MissingMember,

    /// <summary>A value cannot be read as the type of its member (wrong JSON type, enum value, timestamp format, null).</summary>
    TypeMismatch,

    /// <summary>
    /// The typed value does not serialise back to the same canonical bytes (casing, defaults, enum
    /// spelling, UUID or timestamp format): what is stored would not be what was signed.
    /// </summary>
    RoundTripMismatch,
}
