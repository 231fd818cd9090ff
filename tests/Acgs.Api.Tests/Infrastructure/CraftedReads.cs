using System.Globalization;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity.HttpSignatures;
using Acgs.Ledger.Reads;

namespace Acgs.Api.Tests.Infrastructure;

// Read signatures as a faulty or hostile client would make them: any Signature-Input, correctly
// signed for the request, so that a refusal is about the one thing a test changed.
public static class CraftedReads
{
    public const string Covered = "(\"@method\" \"@target-uri\")";

    public static string Parameters(SigningKey key, DateTimeOffset? created = null, long lifetime = 60, string? nonce = null,
        string tag = ReadSignatureProfile.Tag)
    {
        ArgumentNullException.ThrowIfNull(key);
        var createdAt = (created ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture,
            $";created={createdAt};expires={createdAt + lifetime};nonce=\"{nonce ?? ReadSignatureProfile.NewNonce()}\";keyid=\"{key.KeyId}\";tag=\"{tag}\"");
    }

    public static string TargetUri(HttpClient client, string path) => new Uri(client.BaseAddress!, path).GetLeftPart(UriPartial.Query);

    // The Signature field for signatureInput over method and targetUri, signed by key.
    public static string Sign(SigningKey key, string signatureInput, string method, string targetUri)
    {
        ArgumentNullException.ThrowIfNull(key);
        StructuredFields.TryParseDictionary(signatureInput, out var members, out var error).ShouldBeTrue(error);
        var input = members.Single();
        var signature = new MessageSignature(input.Key, (InnerList)input.Member, []);
        signature.TryCreateBase(new RequestComponents(method, targetUri), out var signatureBase, out error).ShouldBeTrue(error);
        return StructuredFields.Serialize([new DictionaryMember(input.Key, new Item(key.Sign(signatureBase), []))]);
    }

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string signatureInput, string signature,
        HttpMethod? method = null, Action<HttpRequestMessage>? adjust = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation(ReadSignatureProfile.SignatureInputField, signatureInput);
        request.Headers.TryAddWithoutValidation(ReadSignatureProfile.SignatureField, signature);
        adjust?.Invoke(request);
        return client.SendAsync(request);
    }

    // signatureInput signed for path on client's address, and sent there.
    public static Task<HttpResponseMessage> SignAndSendAsync(HttpClient client, SigningKey key, string path, string signatureInput) =>
        SendAsync(client, path, signatureInput, Sign(key, signatureInput, "GET", TargetUri(client, path)));
}
