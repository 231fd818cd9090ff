using Spectre.Console.Cli;

namespace Acgs.Cli.Policies;

internal static class PoliciesConfiguration
{
    // The commands submit through the ActSubmitter that ConfigureActors registers.
    public static void ConfigurePolicies(this IConfigurator config)
    {
        config.AddBranch("policy", policy =>
        {
            policy.SetDescription("Sign and submit acts on policies. Exit 0: sealed; 1: refused by the ledger (a problem); 2: unusable input or no answer.");
            policy.AddCommand<SynthesizeCommand>("synthesize")
                .WithDescription("Record a policy synthesized from a ratified amendment, or a new source for one (GS; prints the policy id and source hash)")
                .WithExample("policy", "synthesize", "--url", "http://127.0.0.1:8011", "--genesis", ".local/keys/genesis.json",
                    "--as", "<GS_ID>", "--key", "gs.key", "--amendment", "<AMENDMENT_ID>", "--source", "policy.rego",
                    "--name", "transparency", "--generator", "gs", "--generator-version", "1.0");
            policy.AddCommand<RecordVerificationCommand>("verify")
                .WithDescription("Record a verification verdict on the policy's current source (FV)");
            policy.AddCommand<RecordCompilationCommand>("compile")
                .WithDescription("Record a compilation of the policy's current source (PGC)");
            policy.AddCommand<ActivateCommand>("activate")
                .WithDescription("Activate a policy whose current source passed verification and was compiled (an Admin)");
            policy.AddCommand<RevokeCommand>("revoke")
                .WithDescription("Revoke a policy (an Admin or a Council member)");
        });
    }
}
