namespace Acgs.Ledger.Integrity;

/// <summary>Which JSON inputs <see cref="StrictJson"/> accepts.</summary>
public enum JsonInputProfile
{
    /// <summary>
    /// The ledger's I-JSON profile (DESIGN §4.1): every rule of <see cref="Rfc8785"/>, plus integers
    /// only within ±(2^53−1), no <c>-0</c>, no U+0000 and no noncharacters.
    /// </summary>
    Ledger,

    /// <summary>
    /// Any input RFC 8785 can canonicalise: fractions and exponents allowed, but duplicate member
    /// names, lone surrogates, invalid UTF-8 and numbers beyond the double range refused.
    /// </summary>
    Rfc8785,
}
