using System.ComponentModel;
using Acgs.Cli.Actors;
using Acgs.Ledger;
using Acgs.Ledger.Policies;
using Spectre.Console.Cli;

namespace Acgs.Cli.Policies;

// `acgs policy activate`: an Admin puts the verified and compiled source in force
// (POST /v1/policies/{id}/activation).
internal sealed class ActivateCommand(ActSubmitter submitter) : ActorActCommand<PolicySourceSettings>(submitter)
{
    protected override ActorAct Describe(PolicySourceSettings settings, Guid ledgerId) =>
        new(settings.PathTo("activation"), EventTypes.PolicyActivated, settings.Policy, settings.ExpectedVersion, settings.Signer,
            new PolicyActivated(settings.Policy, settings.SourceHash));
}

// `acgs policy revoke`: an Admin or a Council member withdraws a policy for good
// (POST /v1/policies/{id}/revocation).
internal sealed class RevokeCommand(ActSubmitter submitter) : ActorActCommand<RevokeCommand.Settings>(submitter)
{
    internal sealed class Settings : PolicyChangeSettings
    {
        [CommandOption("--reason <TEXT>", isRequired: true)]
        [Description("Why, as it will stand in the ledger")]
        public string Reason { get; init; } = string.Empty;
    }

    protected override ActorAct Describe(Settings settings, Guid ledgerId) =>
        new(settings.PathTo("revocation"), EventTypes.PolicyRevoked, settings.Policy, settings.ExpectedVersion, settings.Signer,
            new PolicyRevoked(settings.Policy, settings.Reason));
}
