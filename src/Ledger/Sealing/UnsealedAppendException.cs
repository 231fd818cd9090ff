namespace Acgs.Ledger.Sealing;

// Thrown from the choke point when an event reaches it without a signed submission, or with one
// that does not describe the row it would become. The save fails and nothing is written.
public sealed class UnsealedAppendException(string message) : InvalidOperationException(message);
