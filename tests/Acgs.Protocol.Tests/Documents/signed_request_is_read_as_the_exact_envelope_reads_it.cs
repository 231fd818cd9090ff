using System.Text;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Protocol.Tests.Documents;

// SignedRequest.TryRead round-trips only the submission when the envelope has its usual shape; it
// must accept and refuse exactly what reading the whole envelope exactly does, with the same answer.
public class signed_request_is_read_as_the_exact_envelope_reads_it
{
    private static string Body()
    {
        using var actorKey = Example.ActorKey();
        var submission = Example.Submission(actorKey.KeyId);
        var submissionText = Encoding.UTF8.GetString(CanonicalJson.Serialize(submission));
        return $$"""{"payload":{"title":"T","body":"B"},"signature":"{{submission.Sign(actorKey)}}","submission":{{submissionText}}}""";
    }

    private static string Replace(string text, string from, string to)
    {
        text.ShouldContain(from);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Bodies
    {
        get
        {
            var body = Body();
            return new()
            {
                { "the usual shape", body },
                { "members in another order", Replace(body, "{\"payload\":{\"title\":\"T\",\"body\":\"B\"},", "{") [..^1] + ",\"payload\":{\"title\":\"T\",\"body\":\"B\"}}" },
                { "an extra member", Replace(body, "{\"payload\"", "{\"extra\":1,\"payload\"") },
                { "no signature", Replace(body, "\"signature\":", "\"signatur\":") },
                { "a numeric signature", Replace(body, "\"signature\":\"", "\"signature\":1,\"x\":\"") },
                { "a null payload", Replace(body, "{\"title\":\"T\",\"body\":\"B\"}", "null") },
                { "an array payload", Replace(body, "{\"title\":\"T\",\"body\":\"B\"}", "[1]") },
                { "an unknown submission member", Replace(body, "\"submission\":{", "\"submission\":{\"extra\":true,") },
                { "an uppercase UUID in the submission", Replace(body, "3f2c9a4e-7b1d", "3F2C9A4E-7B1D") },
                { "a submission that is a string", body[..body.IndexOf("\"submission\":", StringComparison.Ordinal)] + "\"submission\":\"x\"}" },
                { "an escaped signature", Replace(body, "\"signature\":\"", "\"signature\":\"\\u0041") },
            };
        }
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public void for_the_envelope(string shape, string body)
    {
        using var parsed = StrictJson.Parse(Encoding.UTF8.GetBytes(body));
        parsed.IsValid.ShouldBeTrue(shape);

        var read = SignedRequest.TryRead(parsed.RootElement, out var request, out var error);
        var exact = LedgerJson.TryDeserializeExact<SignedRequest>(parsed.RootElement, out var expected, out var expectedError);

        read.ShouldBe(exact, shape);
        error.ShouldBe(expectedError, shape);
        request?.Submission.ShouldBe(expected!.Submission, shape);
        request?.Signature.ShouldBe(expected!.Signature, shape);
        request?.Payload.GetRawText().ShouldBe(expected!.Payload.GetRawText(), shape);
    }
}
