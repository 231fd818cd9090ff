using System.Text.Json;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity;

namespace Acgs.Ledger.Sealing;

// The client's side of DESIGN §4.2, for the CLI, genesis and tests: hash the payload, describe the
// event, sign the description.
public static class SignedRequestFactory
{
    public static SignedRequest Sign<TPayload>(
        TPayload payload,
        string type,
        Guid ledgerId,
        Guid actorId,
        SigningKey actorKey,
        Guid streamId,
        long expectedVersion,
        DateTimeOffset submittedAt,
        Guid? submissionId = null)
    {
        ArgumentNullException.ThrowIfNull(actorKey);
        var payloadElement = JsonSerializer.SerializeToElement(payload, LedgerJson.Options);
        var submission = new Submission(
            ledgerId,
            submissionId ?? Guid.CreateVersion7(),
            actorId,
            actorKey.KeyId,
            LedgerTimestamp.Truncate(submittedAt),
            type,
            streamId,
            expectedVersion,
            PayloadHash.Compute(payloadElement));
        return new SignedRequest(submission, payloadElement, submission.Sign(actorKey));
    }

    public static byte[] ToJson(SignedRequest request) => CanonicalJson.Serialize(request);
}
