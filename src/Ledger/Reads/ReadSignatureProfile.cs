using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity.HttpSignatures;

namespace Acgs.Ledger.Reads;

// DESIGN §6, PROTOCOL.md §10: the ledger's profile of RFC 9421 for signed reads. One signature, over
// exactly ("@method" "@target-uri"), with created (±60 s of the server's clock), expires (after now,
// at most 5 minutes after created), a nonce of 16 to 64 random bytes in unpadded base64url, keyid
// (the actor's key id), tag "acgs-read-v1", and alg absent or "ed25519"; no other parameter. Ed25519
// signature: 64 bytes (RFC 8032). This class only judges the fields; the key's owner and the nonce's
// freshness are the server's to check.
public static class ReadSignatureProfile
{
    public const string SignatureInputField = "Signature-Input";
    public const string SignatureField = "Signature";
    public const string AcceptSignatureField = "Accept-Signature";
    public const string Tag = "acgs-read-v1";
    public const string Algorithm = "ed25519";
    public const string Label = "acgs";

    public const int MinNonceBytes = 16;
    public const int MaxNonceBytes = 64;
    // Well above one signature's fields (about 250 characters), well below Kestrel's header limit.
    public const int MaxFieldLength = 1024;

    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

    // A request is accepted only while |now − created| ≤ ClockSkew, so a nonce accepted at t can come
    // back until at most t + 2·ClockSkew: that long a nonce store must remember it.
    public static readonly TimeSpan ReplayWindow = ClockSkew * 2;

    public static readonly IReadOnlyList<string> Components = ["@method", "@target-uri"];

    private static readonly string[] KnownParameters = ["created", "expires", "nonce", "keyid", "tag", "alg"];

    // RFC 9421 §5.1: what a client must send, as the answer to a read that did not.
    public static string AcceptSignature { get; } = StructuredFields.Serialize(
    [
        new DictionaryMember(Label, new InnerList(
            [.. Components.Select(component => new Item(component, []))],
            [
                new Parameter("created", true), new Parameter("expires", true), new Parameter("nonce", true),
                new Parameter("keyid", true), new Parameter("tag", Tag),
            ])),
    ]);

    public static ReadSignatureCheck Check(string? signatureInput, string? signature, string method, string targetUri, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(targetUri);
        if (string.IsNullOrEmpty(signatureInput) || string.IsNullOrEmpty(signature))
        {
            return Refuse(ReadRefusalKind.Missing, $"a read is signed: send {SignatureInputField} and {SignatureField} (RFC 9421, tag \"{Tag}\")");
        }
        if (signatureInput.Length > MaxFieldLength || signature.Length > MaxFieldLength)
        {
            return Refuse(ReadRefusalKind.Malformed, $"{SignatureInputField} and {SignatureField} are each at most {MaxFieldLength} characters");
        }
        if (!MessageSignatures.TryParse(signatureInput, signature, out var signatures, out var syntaxError))
        {
            return Refuse(ReadRefusalKind.Malformed, syntaxError);
        }
        if (signatures.Count != 1)
        {
            return Refuse(ReadRefusalKind.Malformed, $"a read carries exactly one signature, not {signatures.Count}");
        }
        var read = signatures[0];
        if (read.Signature.Length != VerificationKey.SignatureSize)
        {
            return Refuse(ReadRefusalKind.Malformed, $"an Ed25519 signature is {VerificationKey.SignatureSize} bytes, not {read.Signature.Length}");
        }
        var covered = read.Input.Items.Select(StructuredFields.Serialize).ToList();
        if (!covered.SequenceEqual(Components.Select(component => StructuredFields.Serialize(new Item(component, [])))))
        {
            return Refuse(ReadRefusalKind.Components,
                $"a read signature covers exactly (\"@method\" \"@target-uri\"), not ({string.Join(' ', covered)})");
        }
        return CheckParameters(read, now) is { } refusal
            ? refusal
            : Build(read, method, targetUri);
    }

    private static ReadSignatureCheck? CheckParameters(MessageSignature read, DateTimeOffset now)
    {
        var parameters = read.Input.Parameters;
        if (parameters.FirstOrDefault(parameter => !KnownParameters.Contains(parameter.Key)) is { } unknown)
        {
            return Refuse(ReadRefusalKind.Parameters, $"parameter {unknown.Key} is not part of the read profile");
        }
        if (!TryGet(parameters, "created", out long created) || !TryGet(parameters, "expires", out long expires)
            || !TryGet(parameters, "nonce", out string? nonce) || !TryGet(parameters, "keyid", out string? keyId)
            || !TryGet(parameters, "tag", out string? tag))
        {
            return Refuse(ReadRefusalKind.Parameters,
                "a read signature has created and expires (integers), nonce, keyid and tag (strings)");
        }
        if (tag != Tag)
        {
            return Refuse(ReadRefusalKind.Tag, $"tag is \"{Tag}\" for a read, not \"{tag}\"");
        }
        var algorithm = parameters.FirstOrDefault(parameter => parameter.Key == "alg");
        if (algorithm is not null && algorithm.Value as string != Algorithm)
        {
            return Refuse(ReadRefusalKind.Algorithm, $"alg is absent or \"{Algorithm}\"");
        }
        if (!IsNonce(nonce))
        {
            return Refuse(ReadRefusalKind.Nonce,
                $"nonce is {MinNonceBytes} to {MaxNonceBytes} random bytes in unpadded base64url (at least 128 bits)");
        }
        if (created < 0 || expires < 0)
        {
            return Refuse(ReadRefusalKind.Parameters, "created and expires are Unix times in seconds");
        }
        var createdAt = DateTimeOffset.FromUnixTimeSeconds(created);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expires);
        if ((now - createdAt).Duration() > ClockSkew)
        {
            return Refuse(ReadRefusalKind.NotFresh,
                $"created {created} is more than {ClockSkew.TotalSeconds:0} s from the server's clock {now.ToUnixTimeSeconds()}");
        }
        if (expiresAt <= createdAt || expiresAt - createdAt > MaxLifetime)
        {
            return Refuse(ReadRefusalKind.Lifetime, $"expires is after created, by at most {MaxLifetime.TotalSeconds:0} s");
        }
        if (expiresAt <= now)
        {
            return Refuse(ReadRefusalKind.Expired, $"the signature expired at {expires}; the server's clock is {now.ToUnixTimeSeconds()}");
        }
        return KeyId.TryParse(keyId, out _)
            ? null
            : Refuse(ReadRefusalKind.UnknownKey, $"keyid \"{keyId}\" is not a ledger key id ({KeyId.Length} lowercase hex characters)");
    }

    private static ReadSignatureCheck Build(MessageSignature read, string method, string targetUri)
    {
        if (!read.TryCreateBase(new RequestComponents(method, targetUri), out var signatureBase, out var error))
        {
            return Refuse(ReadRefusalKind.Malformed, error);
        }
        var parameters = read.Input.Parameters;
        TryGet(parameters, "created", out long created);
        TryGet(parameters, "expires", out long expires);
        TryGet(parameters, "nonce", out string? nonce);
        TryGet(parameters, "keyid", out string? keyIdText);
        KeyId.TryParse(keyIdText, out var keyId);
        // The last instant a replay of this request would still pass the time checks.
        var replayUntil = DateTimeOffset.FromUnixTimeSeconds(Math.Min(expires, created + (long)ClockSkew.TotalSeconds));
        return new ReadSignatureCheck(null, new SignedRead(keyId, nonce!, replayUntil, signatureBase, read.Signature));
    }

    // Signs a read of targetUri (the absolute URI exactly as the request line will carry it) and
    // returns the two field values to send.
    public static (string SignatureInput, string Signature) Sign(
        SigningKey key, string method, string targetUri, DateTimeOffset now, string? nonce = null, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var created = now.ToUnixTimeSeconds();
        var input = new InnerList(
            [.. Components.Select(component => new Item(component, []))],
            [
                new Parameter("created", created),
                new Parameter("expires", created + (long)(lifetime ?? DefaultLifetime).TotalSeconds),
                new Parameter("nonce", nonce ?? NewNonce()),
                new Parameter("keyid", key.KeyId.Value),
                new Parameter("tag", Tag),
            ]);
        var unsigned = new MessageSignature(Label, input, []);
        if (!unsigned.TryCreateBase(new RequestComponents(method, targetUri), out var signatureBase, out var error))
        {
            throw new ArgumentException($"cannot sign a read of {targetUri}: {error}", nameof(targetUri));
        }
        return (
            StructuredFields.Serialize([new DictionaryMember(Label, input)]),
            StructuredFields.Serialize([new DictionaryMember(Label, new Item(key.Sign(signatureBase), []))]));
    }

    public static string NewNonce() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(MinNonceBytes));

    // One spelling per nonce: unpadded base64url that re-encodes to itself.
    private static bool IsNonce([NotNullWhen(true)] string? nonce)
    {
        if (nonce is null || nonce.Length > Base64Url.GetEncodedLength(MaxNonceBytes) || !Base64Url.IsValid(nonce, out var length)
            || length < MinNonceBytes)
        {
            return false;
        }
        return Base64Url.EncodeToString(Base64Url.DecodeFromChars(nonce)) == nonce;
    }

    private static bool TryGet<T>(IReadOnlyList<Parameter> parameters, string key, [NotNullWhen(true)] out T? value)
    {
        if (parameters.FirstOrDefault(parameter => parameter.Key == key)?.Value is T typed)
        {
            value = typed;
            return true;
        }
        value = default;
        return false;
    }

    private static ReadSignatureCheck Refuse(ReadRefusalKind kind, string detail) => new(new ReadRefusal(kind, detail), null);
}

public enum ReadRefusalKind
{
    Missing,
    Malformed,
    Components,
    Parameters,
    Tag,
    Algorithm,
    Nonce,
    NotFresh,
    Lifetime,
    Expired,
    UnknownKey,
    KeyNotActive,
    ActorSuspended,
    BadSignature,
    Replayed,
}

public sealed record ReadRefusal(ReadRefusalKind Kind, string Detail);

// Exactly one of the two is set.
public sealed record ReadSignatureCheck(ReadRefusal? Refusal, SignedRead? Read);

// A read signature that passed the profile: what the server still checks (the key's owner, the
// signature under that key, the nonce's first use).
public sealed record SignedRead(KeyId KeyId, string Nonce, DateTimeOffset ReplayUntil, byte[] SignatureBase, byte[] Signature)
{
    public bool Verify(VerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Verify(SignatureBase, Signature);
    }
}
