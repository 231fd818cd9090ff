using Acgs.Ledger.Identity;

namespace Acgs.Ledger.Reads;

// Signs every request without a body with the read profile (PROTOCOL.md §10), a fresh nonce each
// time, so retries and redirects are signed anew. Requests with a body are submissions, which carry
// their own signature (DESIGN §4.2), and pass unchanged. The key stays the caller's to dispose.
public sealed class SignedReadHandler : DelegatingHandler
{
    private readonly SigningKey key;
    private readonly TimeProvider time;

    public SignedReadHandler(SigningKey key, HttpMessageHandler innerHandler, TimeProvider? time = null)
        : base(innerHandler)
    {
        ArgumentNullException.ThrowIfNull(key);
        this.key = key;
        this.time = time ?? TimeProvider.System;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Content is null && request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            // The request line carries the escaped path and query; the signature covers those exact
            // characters after the scheme and authority, never the fragment.
            var (signatureInput, signature) = ReadSignatureProfile.Sign(
                key, request.Method.Method, uri.GetLeftPart(UriPartial.Query), time.GetUtcNow());
            request.Headers.Remove(ReadSignatureProfile.SignatureInputField);
            request.Headers.Remove(ReadSignatureProfile.SignatureField);
            request.Headers.TryAddWithoutValidation(ReadSignatureProfile.SignatureInputField, signatureInput);
            request.Headers.TryAddWithoutValidation(ReadSignatureProfile.SignatureField, signature);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
