using System.Text.RegularExpressions;

namespace Acgs.Protocol.Tests.Documents;

// The named fenced blocks of docs/PROTOCOL.md: an opening fence "```<language> <name>" and the
// lines up to the closing fence, joined with line feeds and without the last one.
internal static partial class ProtocolDocument
{
    private static readonly Lazy<(string Text, IReadOnlyDictionary<string, string> Blocks)> Page = new(Load);

    public static string Text => Page.Value.Text;

    public static IReadOnlyDictionary<string, string> Blocks => Page.Value.Blocks;

    public static string Block(string name) =>
        Blocks.TryGetValue(name, out var block) ? block : throw new KeyNotFoundException($"docs/PROTOCOL.md has no block named {name}");

    private static (string, IReadOnlyDictionary<string, string>) Load()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "PROTOCOL.md"));
        var blocks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in NamedBlock().Matches(text))
        {
            blocks.Add(match.Groups["name"].Value, match.Groups["body"].Value);
        }

        return (text, blocks);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Acgs.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds Acgs.sln.");
    }

    [GeneratedRegex(@"^```[a-z]+ (?<name>[a-z0-9-]+)\n(?<body>.*?)\n```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex NamedBlock();
}
