using System.Text.RegularExpressions;
using Noa.TreeSitter;
using Noa.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Noa.Safety.Rules.Loading;

/// <summary>Reads a rule file and checks every rule, collecting every problem before it gives up.</summary>
internal static partial class RuleReader
{
    public const int MaxFileChars = 1 << 20;

    // A rule file is a list of short rules: small, shallow, and never a reason to expand many aliases.
    private static readonly YamlLimits Limits = YamlLimits.Default with
    {
        MaxChars = MaxFileChars, MaxNodes = 100_000, MaxDepth = 32, MaxDuration = TimeSpan.FromSeconds(10),
    };

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>The rules of <paramref name="yaml"/>, each with its query compiled for each of its languages.</summary>
    public static List<(Rule Rule, Dictionary<string, Query> Queries)> Read(string yaml, string source)
    {
        if (yaml.Length > MaxFileChars)
        {
            throw new RuleLoadException([$"{source}: larger than {MaxFileChars:N0} characters"]);
        }
        RuleFileDto? file;
        try
        {
            // Walk the events once through the guard before anything is built: a bomb fails on this pass, whatever shape
            // it has, instead of at the first key the deserializer does not know.
            if (YamlGuard.Check(yaml, Limits, source) is { } refused)
            {
                throw new RuleLoadException([refused]);
            }
            file = Deserializer.Deserialize<RuleFileDto>(YamlGuard.Parser(yaml, Limits, source));
        }
        catch (YamlException e)
        {
            var reason = (e.InnerException ?? e).Message;
            throw new RuleLoadException([$"{source}: line {e.Start.Line}, column {e.Start.Column}: {reason}"]);
        }
        if (file?.Rules is not { Count: > 0 } dtos)
        {
            throw new RuleLoadException([$"{source}: no rules (a rule file is `rules: [...]`)"]);
        }
        var errors = new List<string>();
        var rules = new List<(Rule, Dictionary<string, Query>)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < dtos.Count; i++)
        {
            var name = dtos[i]?.Id is { Length: > 0 } id ? $"{source}: rule '{id}'" : $"{source}: rules[{i}]";
            var problems = new List<string>();
            var rule = dtos[i] is { } dto ? Check(dto, problems) : null;
            if (dtos[i] is null)
            {
                problems.Add("is empty");
            }
            if (rule is not null && !ids.Add(rule.Id))
            {
                problems.Add("has the id of an earlier rule");
            }
            var queries = rule is null ? [] : Compile(rule, problems);
            if (problems.Count > 0)
            {
                errors.AddRange(problems.Distinct().Select(p => $"{name} {p}"));
                foreach (var q in queries.Values)
                {
                    q.Dispose();
                }
                continue;
            }
            rules.Add((rule!, queries));
        }
        if (errors.Count > 0)
        {
            foreach (var (_, queries) in rules)
            {
                foreach (var q in queries.Values)
                {
                    q.Dispose();
                }
            }
            throw new RuleLoadException(errors);
        }
        return rules;
    }

    private static Rule? Check(RuleDto dto, List<string> problems)
    {
        if (dto.Id is null || !IdPattern().IsMatch(dto.Id))
        {
            problems.Add($"has no valid id (lowercase words joined by '-' or '.', got '{dto.Id}')");
        }
        if (string.IsNullOrWhiteSpace(dto.Message))
        {
            problems.Add("has no message");
        }
        var severity = RuleSeverityExtensions.Parse(dto.Severity);
        if (severity is null)
        {
            problems.Add($"has severity '{dto.Severity}' (expected error, warning or note)");
        }
        if (dto.Languages is not { Count: > 0 })
        {
            problems.Add("lists no languages");
        }
        foreach (var language in dto.Languages ?? [])
        {
            if (!Language.Names.Contains(language))
            {
                problems.Add($"names unknown language '{language}' (known: {string.Join(", ", Language.Names.Order())})");
            }
        }
        if (string.IsNullOrWhiteSpace(dto.Query))
        {
            problems.Add("has no query");
        }
        var meta = dto.Metadata ?? new MetadataDto();
        foreach (var cwe in meta.Cwe ?? [])
        {
            if (!CwePattern().IsMatch(cwe))
            {
                problems.Add($"has CWE '{cwe}' (expected CWE-<number>)");
            }
        }
        if (meta.Confidence is not (null or "low" or "medium" or "high"))
        {
            problems.Add($"has confidence '{meta.Confidence}' (expected low, medium or high)");
        }
        if (problems.Count > 0)
        {
            return null;
        }
        return new Rule(dto.Id!, dto.Message!.Trim(), severity!.Value, dto.Languages!, dto.Query!,
            new RuleMetadata(meta.Cwe ?? [], meta.Owasp ?? [], meta.Confidence ?? "medium", meta.References ?? []),
            new RuleTests(dto.Tests?.Positive ?? "", dto.Tests?.Negative ?? ""));
    }

    private static Dictionary<string, Query> Compile(Rule rule, List<string> problems)
    {
        var queries = new Dictionary<string, Query>(StringComparer.Ordinal);
        foreach (var language in rule.Languages.Distinct())
        {
            Query query;
            try
            {
                query = new Query(Language.Get(language), rule.Query);
            }
            catch (QueryException e)
            {
                problems.Add($"has a query that does not compile: {e.Message}");
                continue;
            }
            queries[language] = query;
            if (!query.CaptureNames.Contains("finding"))
            {
                problems.Add($"has a {language} query without a @finding capture");
            }
            foreach (Match m in Placeholder().Matches(rule.Message))
            {
                var capture = m.Groups[1].Value;
                if (!query.CaptureNames.Contains(capture))
                {
                    problems.Add($"has a message naming ${capture}, which its query does not capture");
                    continue;
                }
                // A placeholder some match cannot fill would reach the report as "$name".
                var optional = Enumerable.Range(0, query.PatternCount).Where(p => !query.AlwaysCaptures(p, capture)).Select(p => p + 1).ToList();
                if (optional.Count > 0)
                {
                    problems.Add($"has a message naming ${capture}, which its {language} query's pattern {string.Join(", ", optional)} does not always capture");
                }
            }
        }
        return queries;
    }

    [GeneratedRegex(@"^[a-z0-9]+(?:[.-][a-z0-9]+)+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^CWE-[0-9]+$")]
    private static partial Regex CwePattern();

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    internal static partial Regex Placeholder();
}
