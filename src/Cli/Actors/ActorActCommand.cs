using Spectre.Console.Cli;

namespace Acgs.Cli.Actors;

// Each `acgs actor …` command only says what it signs; signing and submitting are the submitter's.
internal abstract class ActorActCommand<TSettings>(ActSubmitter submitter) : AsyncCommand<TSettings>
    where TSettings : LedgerWriteSettings
{
    public sealed override Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken) =>
        submitter.SubmitAsync(settings, ledgerId => Describe(settings, ledgerId), cancellationToken);

    // Called once the ledger id is known, because a proof of possession is bound to it.
    protected abstract ActorAct Describe(TSettings settings, Guid ledgerId);
}
