using Acgs.Cli.Actors;
using Acgs.Cli.Amendments;
using Acgs.Cli.Checkpoints;
using Acgs.Cli.Demo;
using Acgs.Cli.Genesis;
using Acgs.Cli.Json;
using Acgs.Cli.Keys;
using Acgs.Cli.Log;
using Acgs.Cli.Policies;
using Acgs.Cli.Reads;
using Acgs.Cli.Verification;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("acgs");
    config.UseStrictParsing();
    // Every command exits 2 for input it cannot use, usage errors included, and never shows a
    // stack trace (which could carry a secret from a key file it was reading).
    config.SetExceptionHandler((exception, _) =>
    {
        Console.Error.WriteLine($"acgs: {exception.Message}");
        return 2;
    });
    config.AddCommand<JcsCommand>("jcs")
        .WithDescription("Write the RFC 8785 canonical form of the JSON on standard input (the bytes the ledger hashes).");
    config.ConfigureCheckpoints();
    config.AddCommand<ProveCommand>("prove").WithDescription("Prove an event is in the log: fetch its inclusion proof and checkpoint, verify both locally");
    config.AddCommand<InitCommand>("init").WithDescription("Create a new ledger: its keys, the first Admin and the signed genesis document");
    config.AddCommand<KeygenCommand>("keygen").WithDescription("Create an Ed25519 key pair: NAME.key (mode 0600) and NAME.pub");
    config.ConfigureActors(Console.Out, Console.Error);
    config.ConfigureAmendments(Console.Error);
    config.ConfigurePolicies();
    config.ConfigureReads(Console.Out, Console.Error);
    config.ConfigureDemo();
    config.AddCommand<VerifyCommand>("verify")
        .WithDescription("Verify every stored event's payload, signature, seal and chain. Exit 0: clean; 1: findings; 2: could not run.")
        .WithExample("verify", "--postgres", "Host=127.0.0.1;Database=acgs;Username=acgs", "--json");
});
return await app.RunAsync(args);
