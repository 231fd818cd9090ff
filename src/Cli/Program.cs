using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("acgs");
    config.PropagateExceptions();
});
return await app.RunAsync(args);
