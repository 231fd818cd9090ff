using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Acgs.Api.Tests.Infrastructure;

// The real services ./test.sh started; each test project keeps to a database of its own.
public static class TestEnvironment
{
    public static string PostgresServer { get; } = Required("ACGS_TEST_POSTGRES");
    public static string Redis { get; } = Required("ACGS_TEST_REDIS");

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    // Clones and worktrees on one machine share the PostgreSQL server; a suffix from the clone's
    // path keeps their test databases apart.
    public static string DatabaseName(string name) =>
        $"{name}_{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(RepositoryRoot)))[..8]}";

    public static string DatabaseConnection(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database }.ConnectionString;

    // Starts from an empty database so that applying the whole schema to nothing is tested every run.
    public static async Task<string> RecreateDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(PostgresServer);
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"drop database if exists \"{database}\" with (force)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }
        await using (var create = new NpgsqlCommand($"create database \"{database}\"", connection))
        {
            await create.ExecuteNonQueryAsync();
        }
        return DatabaseConnection(database);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<ScriptResult> RunScriptAsync(string script, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // The suite's own connection strings would make the scripts use those services instead of
        // starting their own.
        foreach (var inherited in new[] { "ACGS_POSTGRES", "ACGS_POSTGRES_SERVER", "ACGS_REDIS" })
        {
            start.Environment.Remove(inherited);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {script}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new ScriptResult(process.ExitCode, await output, await error);
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the suite with ./test.sh, which starts PostgreSQL and Redis and sets it.");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Acgs.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Acgs.sln not found above " + AppContext.BaseDirectory);
    }
}

public sealed record ScriptResult(int ExitCode, string Output, string Error)
{
    public string Value(string key) =>
        Output.Split('\n').Select(line => line.Split('=', 2)).First(parts => parts[0] == key)[1];
}
