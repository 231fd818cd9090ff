using Acgs.Cli.Checkpoints;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("acgs");
    config.PropagateExceptions();
    config.ConfigureCheckpoints();
});
return await app.RunAsync(args);
