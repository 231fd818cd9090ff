using System.Collections.Concurrent;
using Acgs.Ledger.Identity;

namespace Acgs.Ledger.Sealing;

// Public keys registered on the ledger, parsed once: the curve and small-order checks cost about
// 0.4 ms a key, and a key's bytes never change. Bounded so that a flood of distinct keys cannot
// grow it without end.
public sealed class VerifiedKeys
{
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, VerificationKey> parsed = new(StringComparer.Ordinal);

    public VerificationKey Get(string publicKeyBase64)
    {
        if (parsed.TryGetValue(publicKeyBase64, out var key))
        {
            return key;
        }
        key = VerificationKey.Parse(publicKeyBase64);
        if (parsed.Count >= Capacity)
        {
            parsed.Clear();
        }
        parsed[publicKeyBase64] = key;
        return key;
    }
}
