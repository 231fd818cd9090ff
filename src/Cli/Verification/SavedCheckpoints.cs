namespace Acgs.Cli.Verification;

// The last checkpoint each ledger was verified clean at, one signed note per ledger in the user's
// config folder ($ACGS_CONFIG_DIR, else the application-data folder's acgs/), so that every later
// run proves the log still extends it: a database rolled back or forked between runs is caught even
// when nobody passes --trusted-checkpoint. Owner-only, like the keys beside it.
internal sealed class SavedCheckpoints(string configDirectory)
{
    public const string ConfigVariable = "ACGS_CONFIG_DIR";

    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode NoteMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string directory = Path.Combine(configDirectory, "checkpoints");

    public static SavedCheckpoints FromEnvironment() => new(
        Environment.GetEnvironmentVariable(ConfigVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "acgs"));

    public string PathOf(Guid ledgerId) => Path.Combine(directory, $"{ledgerId}.note");

    public string? Read(Guid ledgerId) => File.Exists(PathOf(ledgerId)) ? File.ReadAllText(PathOf(ledgerId)) : null;

    // Written beside and renamed over the old note, so a crash never leaves half a checkpoint.
    public void Save(Guid ledgerId, string note)
    {
        var path = PathOf(ledgerId);
        var temporary = path + ".tmp";
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(temporary, note);
        }
        else
        {
            Directory.CreateDirectory(directory, DirectoryMode);
            using var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = NoteMode,
            });
            using var writer = new StreamWriter(stream);
            writer.Write(note);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
