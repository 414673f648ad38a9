using System.Collections.Frozen;
using Noa.Safety.Rules.Engine;
using Noa.Safety.Rules.Loading;
using Noa.TreeSitter;

namespace Noa.Safety.Rules;

/// <summary>A set of checked rules with their queries compiled per grammar. Thread-safe to share; dispose it to free
/// the compiled queries.</summary>
public sealed class RulePack : IDisposable
{
    private const string ResourcePrefix = "Noa.Safety.Rules.Rules.";
    private readonly FrozenDictionary<string, LanguageRules> _languages;

    private RulePack(List<(Rule Rule, Dictionary<string, Query> Queries)> rules)
    {
        Rules = rules.Select(r => r.Rule).ToArray();
        _languages = rules
            .SelectMany(r => r.Queries.Select(q => (Language: q.Key, r.Rule, Query: q.Value)))
            .GroupBy(x => x.Language)
            .ToFrozenDictionary(g => g.Key, g => new LanguageRules(Language.Get(g.Key), g.Select(x => (x.Rule, x.Query)).ToList()));
    }

    /// <summary>The rules in file order.</summary>
    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>The grammars that have at least one rule.</summary>
    public IReadOnlyCollection<string> Languages => _languages.Keys;

    /// <summary>The starter pack shipped in this assembly (<c>Rules/*.yaml</c>).</summary>
    public static RulePack LoadDefault()
    {
        var assembly = typeof(RulePack).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (Name: n[ResourcePrefix.Length..], Text: reader.ReadToEnd());
            });
        return Load(files);
    }

    /// <summary>The rules of one YAML rule file.</summary>
    /// <exception cref="RuleLoadException">The file is not valid; every problem is listed.</exception>
    public static RulePack Load(string yaml) => Load([("rules", yaml)]);

    /// <summary>The rules of several YAML rule files, named in errors by <c>Name</c>; ids must be unique across them.</summary>
    /// <exception cref="RuleLoadException">A file is not valid; every problem of every file is listed.</exception>
    public static RulePack Load(IEnumerable<(string Name, string Yaml)> files)
    {
        var rules = new List<(Rule, Dictionary<string, Query>)>();
        var errors = new List<string>();
        foreach (var (name, yaml) in files)
        {
            try
            {
                rules.AddRange(RuleReader.Read(yaml, name));
            }
            catch (RuleLoadException e)
            {
                errors.AddRange(e.Errors);
            }
        }
        errors.AddRange(rules.GroupBy(r => r.Item1.Id).Where(g => g.Count() > 1).Select(g => $"rule '{g.Key}' is defined {g.Count()} times"));
        if (errors.Count > 0)
        {
            foreach (var query in rules.SelectMany(r => r.Item2.Values))
            {
                query.Dispose();
            }
            throw new RuleLoadException(errors);
        }
        return new RulePack(rules);
    }

    internal LanguageRules? For(string language) => _languages.GetValueOrDefault(language);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var language in _languages.Values)
        {
            language.Dispose();
        }
    }
}
