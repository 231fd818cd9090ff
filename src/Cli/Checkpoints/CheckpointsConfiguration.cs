using Spectre.Console.Cli;

namespace Acgs.Cli.Checkpoints;

internal static class CheckpointsConfiguration
{
    public static void ConfigureCheckpoints(this IConfigurator config)
    {
        config.AddBranch("checkpoint", checkpoint =>
        {
            checkpoint.SetDescription("Signed tree heads of a transparency log (C2SP tlog-checkpoint).");
            checkpoint.AddCommand<VerifyCheckpointCommand>("verify")
                .WithDescription("Verify a signed checkpoint. Exit 0: valid; 1: invalid signature or origin; 2: unusable input.")
                .WithExample("checkpoint", "verify", "--vkey", "example.com/log+1a2b3c4d+AQ...", "checkpoint.txt");
        });
    }
}
