using System.Text.Json;
using Acgs.Ledger.Integrity;

namespace Acgs.Ledger.Sealing;

// The body of every write (DESIGN §4.2): the signed submission, the payload it hashes, and the
// actor's signature over the submission.
public sealed record SignedRequest(Submission Submission, JsonElement Payload, string Signature);
