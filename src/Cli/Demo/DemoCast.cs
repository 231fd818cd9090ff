using System.Text.Json;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;

namespace Acgs.Cli.Demo;

// The people and services the demo plays, each with a new key written to the keys folder (private
// files mode 0600, never overwritten) so that the user can go on acting as any of them, and
// actors.json saying who is who.
internal sealed class DemoCast : IDisposable
{
    public const string ActorsFile = "actors.json";

    // More would make the demo's votes slow to read, and no example constitution needs them.
    public const int MaxCouncil = 9;

    private static readonly string[] CouncilNames =
        ["Amara Okafor", "Lin Wei", "Sofia Lindqvist", "Rahul Mehta", "Grace Mwangi", "Tomás Herrera", "Yuki Tanaka", "Noor Haddad", "Elena Petrova"];

    private sealed record ActorEntry(string Name, Guid ActorId, IReadOnlyList<Role> Roles, string Key);

    private DemoCast(DemoActor admin, IReadOnlyList<DemoActor> council, DemoActor proposer, DemoActor synthesizer, DemoActor verifier,
        DemoActor compiler, DemoActor auditor)
    {
        Admin = admin;
        Council = council;
        Proposer = proposer;
        Synthesizer = synthesizer;
        Verifier = verifier;
        Compiler = compiler;
        Auditor = auditor;
    }

    public DemoActor Admin { get; }

    public IReadOnlyList<DemoActor> Council { get; }

    public DemoActor Proposer { get; }

    public DemoActor Synthesizer { get; }

    public DemoActor Verifier { get; }

    public DemoActor Compiler { get; }

    public DemoActor Auditor { get; }

    // Everyone the demo registers, in order of registration.
    public IReadOnlyList<DemoActor> Actors => [.. Council, Proposer, Synthesizer, Verifier, Compiler, Auditor];

    public static string KeyPath(string keysDirectory, DemoActor actor) =>
        Path.Combine(keysDirectory, actor.KeyName + KeyFiles.PrivateKeyExtension);

    // The Admin's key is the caller's; the new actors' keys are created here and written out.
    public static DemoCast Create(DemoActor admin, int councilSize, string keysDirectory)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(councilSize, MaxCouncil);
        static DemoActor New(string name, string keyName, Role role) => new(name, keyName, Guid.CreateVersion7(), [role], SigningKey.Generate());
        var cast = new DemoCast(admin,
            [.. CouncilNames.Take(councilSize).Select((name, index) => New(name, $"council-{index + 1}", Role.Council))],
            New("Daniel Moreau", "proposer", Role.Proposer),
            New("GS synthesis service", "gs", Role.Synthesizer),
            New("FV verification service", "fv", Role.Verifier),
            New("PGC policy compiler", "pgc", Role.Compiler),
            New("Independent auditor", "auditor", Role.Auditor));
        try
        {
            cast.Write(keysDirectory);
            return cast;
        }
        catch
        {
            cast.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var actor in Actors)
        {
            actor.Key.Dispose();
        }
    }

    // Checked before the ledger is touched, and again by KeyFiles, which never replaces a key file.
    public static void CheckFolder(string keysDirectory)
    {
        if (Directory.Exists(keysDirectory) && Directory.EnumerateFileSystemEntries(keysDirectory).Any())
        {
            throw new IOException($"{keysDirectory} is not empty; give --keys-dir a new or empty folder (the demo never overwrites keys)");
        }
    }

    private void Write(string keysDirectory)
    {
        CheckFolder(keysDirectory);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(keysDirectory);
        }
        else
        {
            Directory.CreateDirectory(keysDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        foreach (var actor in Actors)
        {
            KeyFiles.Create(Path.Combine(keysDirectory, actor.KeyName), actor.Key);
        }
        var entries = Actors.Select(actor => new ActorEntry(actor.Name, actor.ActorId, actor.Roles, KeyPath(keysDirectory, actor))).ToList();
        File.WriteAllText(Path.Combine(keysDirectory, ActorsFile),
            JsonSerializer.Serialize(entries, new JsonSerializerOptions(LedgerJson.Options) { WriteIndented = true }) + "\n");
    }
}
