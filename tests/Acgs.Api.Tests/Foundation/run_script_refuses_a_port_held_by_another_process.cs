using System.Net;
using System.Net.Sockets;
using Acgs.Api.Tests.Infrastructure;

namespace Acgs.Api.Tests.Foundation;

public sealed class run_script_refuses_a_port_held_by_another_process
{
    [Theory]
    [InlineData("ACGS_PG_PORT")]
    [InlineData("ACGS_REDIS_PORT")]
    public async Task it_exits_non_zero_naming_the_port_and_variable_and_leaves_the_process_alone(string variable)
    {
        using var foreign = new TcpListener(IPAddress.Loopback, 0);
        foreign.Start();
        var port = ((IPEndPoint)foreign.LocalEndpoint).Port;
        var dataDirectory = Directory.CreateTempSubdirectory("acgs-foreign-port-");
        // Reachable by the service user, so the script keeps everything inside it and the cleanup below
        // removes it all.
        dataDirectory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        var environment = new Dictionary<string, string>
        {
            ["ACGS_DATA_DIR"] = dataDirectory.FullName,
            ["ACGS_PG_PORT"] = TestEnvironment.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ACGS_REDIS_PORT"] = TestEnvironment.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        environment[variable] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            var result = await TestEnvironment.RunScriptAsync("run.sh", environment);

            result.ExitCode.ShouldNotBe(0);
            result.Error.ShouldContain($"port {port}");
            result.Error.ShouldContain(variable);
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            client.Connected.ShouldBeTrue();
        }
        finally
        {
            await TestEnvironment.RunScriptAsync("run.sh", environment, "stop");
            dataDirectory.Delete(recursive: true);
        }
    }
}
