using Acgs.Cli.Json;
using Acgs.Cli.Keys;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("acgs");
    config.PropagateExceptions();
    config.AddCommand<JcsCommand>("jcs")
        .WithDescription("Write the RFC 8785 canonical form of the JSON on standard input (the bytes the ledger hashes).");
    config.AddCommand<KeygenCommand>("keygen").WithDescription("Create an Ed25519 key pair: NAME.key (mode 0600) and NAME.pub");
});
return await app.RunAsync(args);
