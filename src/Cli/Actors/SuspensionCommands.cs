using System.ComponentModel;
using Acgs.Ledger;
using Acgs.Ledger.Identity.Actors;
using Spectre.Console.Cli;

namespace Acgs.Cli.Actors;

internal sealed class SuspensionSettings : AdminChangeSettings
{
    [CommandOption("--reason <TEXT>", isRequired: true)]
    [Description("Why, as it will stand in the ledger")]
    public string Reason { get; init; } = string.Empty;
}

// `acgs actor suspend`: an Admin suspends an actor; its key signs nothing until reinstated
// (POST /v1/actors/{id}/suspension).
internal sealed class SuspendCommand(ActSubmitter submitter) : ActorActCommand<SuspensionSettings>(submitter)
{
    protected override ActorAct Describe(SuspensionSettings settings, Guid ledgerId) =>
        new(ActorAct.ActorPath(settings.Actor, "suspension"), EventTypes.ActorSuspended, settings.Actor,
            settings.ExpectedVersion, settings.Admin, new ActorSuspended(settings.Actor, settings.Reason));
}

// `acgs actor reinstate`: an Admin lifts a suspension (same route, the other type).
internal sealed class ReinstateCommand(ActSubmitter submitter) : ActorActCommand<SuspensionSettings>(submitter)
{
    protected override ActorAct Describe(SuspensionSettings settings, Guid ledgerId) =>
        new(ActorAct.ActorPath(settings.Actor, "suspension"), EventTypes.ActorReinstated, settings.Actor,
            settings.ExpectedVersion, settings.Admin, new ActorReinstated(settings.Actor, settings.Reason));
}
