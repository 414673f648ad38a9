using System.Text.RegularExpressions;
using Noa.Safety.Secrets.Scanning;

namespace Noa.Safety.Secrets.Rules;

/// <summary>Compiled rules, global allowlists and the keyword automaton that selects which rules run on a file.</summary>
internal sealed class RuleSet
{
    private const RegexOptions Options = RegexOptions.Compiled | RegexOptions.CultureInvariant;

    private RuleSet(CompiledRule[] rules, CompiledAllowlist[] global, List<RuleError> errors)
    {
        Rules = rules;
        Global = global;
        Errors = errors;
        var keywords = new List<string>();
        var owners = new List<List<int>>();
        var always = new List<int>();
        for (var r = 0; r < rules.Length; r++)
        {
            if (rules[r].Content is null) { continue; }
            if (rules[r].Rule.Keywords.Count == 0) { always.Add(r); continue; }
            foreach (var k in rules[r].Rule.Keywords)
            {
                var i = keywords.IndexOf(k);
                if (i < 0) { keywords.Add(k); owners.Add(new()); i = keywords.Count - 1; }
                owners[i].Add(r);
            }
        }
        Automaton = new KeywordAutomaton(keywords);
        KeywordOwners = owners.Select(o => o.ToArray()).ToArray();
        AlwaysRun = always.ToArray();
        PathRules = Enumerable.Range(0, rules.Length).Where(r => rules[r].Content is null && rules[r].Path is not null).ToArray();
    }

    public CompiledRule[] Rules { get; }
    public CompiledAllowlist[] Global { get; }
    public List<RuleError> Errors { get; }
    public KeywordAutomaton Automaton { get; }
    public int[][] KeywordOwners { get; }
    public int[] AlwaysRun { get; }
    public int[] PathRules { get; }

    public static RuleSet Build(SecretRuleConfig? user, string? configDirectory, TimeSpan timeout)
    {
        var errors = new List<RuleError>();
        var config = Resolve(user, configDirectory, errors, depth: 0);
        var rules = new List<CompiledRule>();
        foreach (var rule in config.Rules)
        {
            var ruleErrors = new List<string>();
            var content = rule.Regex is null ? null : Compile(rule.Regex, timeout, ruleErrors);
            var path = rule.Path is null ? null : Compile(rule.Path, timeout, ruleErrors);
            if (rule.Regex is null && rule.Path is null) { ruleErrors.Add("no regex or path (and no base rule of that id)"); }
            var allowlists = rule.Allowlists.Select(a => CompileAllowlist(a, timeout, ruleErrors)).ToArray();
            if (ruleErrors.Count > 0) { errors.Add(new RuleError(rule.Id, string.Join("; ", ruleErrors))); continue; }
            rules.Add(new CompiledRule(rule, content, path, allowlists));
        }
        var globalErrors = new List<string>();
        var global = config.Allowlists.Select(a => CompileAllowlist(a, timeout, globalErrors)).ToArray();
        errors.AddRange(globalErrors.Select(e => new RuleError("global", e)));
        return new RuleSet(rules.ToArray(), global, errors);
    }

    private static SecretRuleConfig Resolve(SecretRuleConfig? user, string? directory, List<RuleError> errors, int depth)
    {
        if (user is null) { return DefaultRules.Config; }
        SecretRuleConfig? baseConfig = null;
        if (user.ExtendPath is not null && depth < 4)
        {
            var path = Path.GetFullPath(user.ExtendPath, directory ?? Directory.GetCurrentDirectory());
            if (!File.Exists(path)) { errors.Add(new RuleError("config", $"[extend] path {user.ExtendPath} does not exist")); }
            else
            {
                var (parsed, parseErrors) = GitleaksConfigReader.Parse(File.ReadAllText(path));
                errors.AddRange(parseErrors.Select(e => new RuleError("config", $"{user.ExtendPath}: {e}")));
                if (parsed is not null) { baseConfig = Resolve(parsed, Path.GetDirectoryName(path), errors, depth + 1); }
            }
        }
        else if (user.UseDefault)
        {
            baseConfig = DefaultRules.Config;
        }
        if (baseConfig is null) { return user; }
        var disabled = user.DisabledRules.ToHashSet(StringComparer.Ordinal);
        var merged = baseConfig.Rules.Where(r => !disabled.Contains(r.Id)).ToList();
        foreach (var rule in user.Rules)
        {
            var i = merged.FindIndex(r => r.Id == rule.Id);
            if (i < 0) { merged.Add(rule); continue; }
            var b = merged[i];
            // A rule of an existing id overrides what it sets and adds its allowlists to the base rule's.
            merged[i] = new SecretRule(rule.Id, rule.Description ?? b.Description, rule.Regex ?? b.Regex,
                rule.Regex is null ? b.SecretGroup : rule.SecretGroup, rule.Entropy ?? b.Entropy,
                rule.Keywords.Count > 0 ? rule.Keywords : b.Keywords, rule.Path ?? b.Path,
                rule.Tags.Count > 0 ? rule.Tags : b.Tags, [.. b.Allowlists, .. rule.Allowlists]);
        }
        return new SecretRuleConfig(user.Title ?? baseConfig.Title, merged, [.. baseConfig.Allowlists, .. user.Allowlists], false, null, []);
    }

    private static CompiledAllowlist CompileAllowlist(SecretAllowlist a, TimeSpan timeout, List<string> errors) =>
        new(a.Condition, a.RegexTarget,
            a.Regexes.Select(r => Compile(r, timeout, errors)).OfType<Regex>().ToArray(),
            a.Paths.Select(p => Compile(p, timeout, errors)).OfType<Regex>().ToArray(),
            a.StopWords.ToArray(), a.Commits.ToArray());

    internal static Regex? Compile(string pattern, TimeSpan timeout, List<string> errors)
    {
        try
        {
            return new Regex(Re2Translator.Translate(pattern), Options, timeout);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or ArgumentOutOfRangeException)
        {
            errors.Add($"regex does not compile: {ex.Message}");
            return null;
        }
    }
}
