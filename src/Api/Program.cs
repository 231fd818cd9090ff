using Acgs.Api;

var app = AcgsApi.Build(args);
await app.RunAsync();
