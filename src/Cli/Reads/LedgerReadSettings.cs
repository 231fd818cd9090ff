using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Acgs.Cli.Reads;

// What every read of ledger data needs (PROTOCOL.md §10): the ledger's API and the reader's key, any
// active registered actor's (an Auditor's, typically). Without --key the read goes unsigned, which
// only a ledger in transparency mode serves.
internal class LedgerReadSettings : CommandSettings
{
    [CommandOption("--url <URL>", isRequired: true)]
    [Description("Base URL of the ledger's API as the ledger names itself (its Acgs:PublicBaseUrl), e.g. http://127.0.0.1:8011")]
    public string Url { get; init; } = string.Empty;

    [CommandOption("--key <FILE>")]
    [Description("The reader's private key file (NAME.key, mode 0600); reads are signed with it")]
    public string? Key { get; init; }

    public override ValidationResult Validate() => LedgerUrl.Check(Url, "--url");
}

internal static class LedgerUrl
{
    public static ValidationResult Check(string url, string option) =>
        Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            ? ValidationResult.Success()
            : ValidationResult.Error($"{option} must be an absolute http or https URL");
}
