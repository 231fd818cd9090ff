using System.ComponentModel;
using Acgs.Ledger;
using Acgs.Ledger.Identity.Actors;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Acgs.Cli.Actors;

// `acgs actor roles`: an Admin replaces an actor's roles (POST /v1/actors/{id}/roles).
internal sealed class RolesCommand(ActSubmitter submitter) : ActorActCommand<RolesCommand.Settings>(submitter)
{
    internal sealed class Settings : AdminChangeSettings
    {
        [CommandOption("--role <ROLE>", isRequired: true)]
        [Description("A role the actor holds from now on (repeat for several); roles not given are withdrawn")]
        public Role[] Roles { get; init; } = [];

        public override ValidationResult Validate()
        {
            var result = base.Validate();
            return result.Successful ? CheckRoles(Roles) : result;
        }
    }

    protected override ActorAct Describe(Settings settings, Guid ledgerId) =>
        new(ActorAct.ActorPath(settings.Actor, "roles"), EventTypes.ActorRolesChanged, settings.Actor,
            settings.ExpectedVersion, settings.Admin, new ActorRolesChanged(settings.Actor, settings.Roles));
}
