global using Acgs.Api;
global using Microsoft.AspNetCore.Builder;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Logging;

// The ledger runs its services as Linux processes and checks Unix file modes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
