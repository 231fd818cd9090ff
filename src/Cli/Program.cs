using Acgs.Cli.Json;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("acgs");
    config.PropagateExceptions();
    config.AddCommand<JcsCommand>("jcs")
        .WithDescription("Write the RFC 8785 canonical form of the JSON on standard input (the bytes the ledger hashes).");
});
return await app.RunAsync(args);
