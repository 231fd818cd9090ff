using System.Buffers;
using Acgs.Ledger.Amendments;

namespace Acgs.Ledger.Constitution;

// What a constitution must be at every version, and how an amendment's changes produce the next.
// Pure: genesis, the proposal decision, the ratification and the verifier all call the same code.
public static class ConstitutionRules
{
    public const int MaxPrinciples = 500;
    public const int MaxPrincipleIdLength = 64;
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 10_000;
    public const long MaxVotingWindowSeconds = 90L * 24 * 60 * 60;

    private static readonly SearchValues<char> IdCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_");

    // Null when valid; otherwise what is wrong. `councilSize` is null at genesis, before any
    // Council member exists.
    public static string? CheckMetaRules(MetaRules rules, int? councilSize)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Quorum < 1)
        {
            return "metaRules.quorum: at least 1";
        }
        if (councilSize is { } size && rules.Quorum > size)
        {
            return $"metaRules.quorum {rules.Quorum} is larger than the Council ({size} members)";
        }
        if (rules.ApprovalNumerator < 1 || rules.ApprovalDenominator < 1 || rules.ApprovalNumerator > rules.ApprovalDenominator)
        {
            return $"metaRules: the approval threshold {rules.ApprovalNumerator}/{rules.ApprovalDenominator} is outside (0, 1]";
        }
        if (rules.VotingWindowSeconds < 1 || rules.VotingWindowSeconds > MaxVotingWindowSeconds)
        {
            return $"metaRules.votingWindowSeconds: 1 to {MaxVotingWindowSeconds}";
        }
        return Enum.IsDefined(rules.Abstentions) ? null : "metaRules.abstentions: unknown rule";
    }

    public static string? CheckPrinciples(IReadOnlyList<Principle> principles)
    {
        ArgumentNullException.ThrowIfNull(principles);
        if (principles.Count > MaxPrinciples)
        {
            return $"principles: at most {MaxPrinciples}";
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var principle in principles)
        {
            if (CheckPrincipleText(principle.Id, principle.Title, principle.Text) is { } problem)
            {
                return problem;
            }
            if (principle.Version < 1)
            {
                return $"principle {principle.Id}: version at least 1";
            }
            if (!ids.Add(principle.Id))
            {
                return $"principle id {principle.Id} appears twice";
            }
        }
        return null;
    }

    public static string? CheckPrincipleText(string id, string? title, string? text)
    {
        if (id.Length is 0 or > MaxPrincipleIdLength || id.AsSpan().ContainsAnyExcept(IdCharacters))
        {
            return $"principle id: 1 to {MaxPrincipleIdLength} of A-Z a-z 0-9 . - _";
        }
        if (title is null || title.Length > MaxTitleLength || string.IsNullOrWhiteSpace(title))
        {
            return $"principle {id}: title of 1 to {MaxTitleLength} characters, not blank";
        }
        return text is null || text.Length > MaxTextLength || string.IsNullOrWhiteSpace(text)
            ? $"principle {id}: text of 1 to {MaxTextLength} characters, not blank"
            : null;
    }

    // Null when the changes apply cleanly to the constitution as it stands; otherwise why not.
    public static string? CheckChanges(IReadOnlyList<Principle> principles, MetaRules rules, IReadOnlyList<AmendmentChange> changes, int councilSize)
    {
        ArgumentNullException.ThrowIfNull(principles);
        ArgumentNullException.ThrowIfNull(changes);
        var ids = principles.Select(principle => principle.Id).ToHashSet(StringComparer.Ordinal);
        var touched = new HashSet<string>(StringComparer.Ordinal);
        var metaRulesChanged = false;
        foreach (var change in changes)
        {
            var problem = change.Kind switch
            {
                AmendmentChangeKind.AddPrinciple => RequireOnly(change, principle: true, text: true)
                    ?? CheckPrincipleText(change.PrincipleId!, change.Title, change.Text)
                    ?? (ids.Add(change.PrincipleId!) ? null : $"principle id {change.PrincipleId} already exists"),
                AmendmentChangeKind.ModifyPrinciple => RequireOnly(change, principle: true, text: true)
                    ?? CheckPrincipleText(change.PrincipleId!, change.Title, change.Text)
                    ?? (ids.Contains(change.PrincipleId!) ? null : $"no principle {change.PrincipleId} to modify"),
                AmendmentChangeKind.RepealPrinciple => RequireOnly(change, principle: true, text: false)
                    ?? (ids.Remove(change.PrincipleId!) ? null : $"no principle {change.PrincipleId} to repeal"),
                AmendmentChangeKind.ChangeMetaRules => RequireOnly(change, principle: false, text: false, metaRules: true)
                    ?? (metaRulesChanged ? "the meta-rules are changed once per amendment" : null)
                    ?? CheckMetaRules(change.MetaRules!, councilSize),
                _ => "unknown change kind",
            };
            if (problem is not null)
            {
                return problem;
            }
            if (change.Kind == AmendmentChangeKind.ChangeMetaRules)
            {
                metaRulesChanged = true;
            }
            else if (!touched.Add(change.PrincipleId!))
            {
                return $"principle {change.PrincipleId} is changed more than once";
            }
        }
        return ids.Count > MaxPrinciples ? $"principles: at most {MaxPrinciples}" : null;
    }

    // Changes are checked before they are applied (CheckChanges); applying assumes they are valid.
    public static (IReadOnlyList<Principle> Principles, MetaRules MetaRules) ApplyChanges(
        IReadOnlyList<Principle> principles, MetaRules rules, IReadOnlyList<AmendmentChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var result = principles.ToList();
        foreach (var change in changes)
        {
            switch (change.Kind)
            {
                case AmendmentChangeKind.AddPrinciple:
                    result.Add(new Principle(change.PrincipleId!, change.Title!, change.Text!, 1));
                    break;
                case AmendmentChangeKind.ModifyPrinciple:
                    var index = result.FindIndex(principle => principle.Id == change.PrincipleId);
                    result[index] = result[index] with { Title = change.Title!, Text = change.Text!, Version = result[index].Version + 1 };
                    break;
                case AmendmentChangeKind.RepealPrinciple:
                    result.RemoveAll(principle => principle.Id == change.PrincipleId);
                    break;
                case AmendmentChangeKind.ChangeMetaRules:
                    rules = change.MetaRules!;
                    break;
            }
        }
        return (result, rules);
    }

    private static string? RequireOnly(AmendmentChange change, bool principle, bool text, bool metaRules = false)
    {
        var kind = change.Kind;
        if (principle != (change.PrincipleId is not null))
        {
            return principle ? $"{kind}: principleId is required" : $"{kind}: principleId is not allowed";
        }
        if (text != (change.Title is not null) || text != (change.Text is not null))
        {
            return text ? $"{kind}: title and text are required" : $"{kind}: title and text are not allowed";
        }
        return metaRules != (change.MetaRules is not null)
            ? metaRules ? $"{kind}: metaRules is required" : $"{kind}: metaRules is not allowed"
            : null;
    }
}
