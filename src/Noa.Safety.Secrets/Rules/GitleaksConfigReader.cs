using System.Globalization;
using Noa.Manifests.Toml;
using Tomlyn.Model;

namespace Noa.Safety.Secrets.Rules;

/// <summary>Reads Gitleaks' TOML configuration format (v8): rules, per-rule and global allowlists, and <c>[extend]</c>.</summary>
public static class GitleaksConfigReader
{
    /// <summary>Parses TOML text; returns the config or the reasons it is not one.</summary>
    public static (SecretRuleConfig? Config, IReadOnlyList<string> Errors) Parse(string toml)
    {
        if (!TomlDocument.TryParse(toml, out var root, out var error))
        {
            return (null, [$"invalid TOML: {error}"]);
        }
        var errors = new List<string>();
        var rules = new List<SecretRule>();
        if (root.TryGetValue("rules", out var r))
        {
            if (r is TomlTableArray array)
            {
                var index = 0;
                foreach (var table in array)
                {
                    index++;
                    var rule = ReadRule(table, errors, index);
                    if (rule is not null)
                    {
                        rules.Add(rule);
                    }
                }
            }
            else
            {
                errors.Add("rules: expected an array of tables ([[rules]])");
            }
        }
        var extend = root.TryGetValue("extend", out var e) ? e as TomlTable : null;
        var config = new SecretRuleConfig(
            Str(root, "title"),
            rules,
            ReadAllowlists(root, "allowlist", "allowlists", errors, "global"),
            extend is not null && extend.TryGetValue("useDefault", out var d) && d is true,
            extend is null ? null : Str(extend, "path"),
            extend is null ? [] : Strings(extend, "disabledRules"));
        return (errors.Count == 0 ? config : null, errors);
    }

    private static SecretRule? ReadRule(TomlTable t, List<string> errors, int index)
    {
        var id = Str(t, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add($"rules[{index}]: missing id");
            return null;
        }
        var regex = Str(t, "regex");
        var path = Str(t, "path");
        if (regex is null && path is null)
        {
            // A rule without a pattern may only add allowlists to a base rule of the same id.
            if (!t.ContainsKey("allowlist") && !t.ContainsKey("allowlists"))
            {
                errors.Add($"rule {id}: needs a regex or a path");
                return null;
            }
        }
        var group = t.TryGetValue("secretGroup", out var g) ? Convert.ToInt32(g, CultureInfo.InvariantCulture) : 0;
        double? entropy = t.TryGetValue("entropy", out var en) ? Convert.ToDouble(en, CultureInfo.InvariantCulture) : null;
        return new SecretRule(id, Str(t, "description"), regex, group, entropy,
            Strings(t, "keywords").Select(k => k.ToLowerInvariant()).ToArray(), path, Strings(t, "tags"),
            ReadAllowlists(t, "allowlist", "allowlists", errors, $"rule {id}"));
    }

    private static List<SecretAllowlist> ReadAllowlists(TomlTable t, string single, string plural, List<string> errors, string where)
    {
        var result = new List<SecretAllowlist>();
        if (t.TryGetValue(single, out var one) && one is TomlTable table)
        {
            result.Add(ReadAllowlist(table, errors, where));
        }
        if (t.TryGetValue(plural, out var many) && many is TomlTableArray array)
        {
            result.AddRange(array.Select(a => ReadAllowlist(a, errors, where)));
        }
        return result;
    }

    private static SecretAllowlist ReadAllowlist(TomlTable t, List<string> errors, string where)
    {
        var condition = AllowlistCondition.Or;
        switch (Str(t, "condition")?.ToUpperInvariant())
        {
            case null or "OR": break;
            case "AND": condition = AllowlistCondition.And; break;
            case var other: errors.Add($"{where}: allowlist condition '{other}' is not OR or AND"); break;
        }
        var target = AllowlistTarget.Secret;
        switch (Str(t, "regexTarget")?.ToLowerInvariant())
        {
            case null or "secret": break;
            case "match": target = AllowlistTarget.Match; break;
            case "line": target = AllowlistTarget.Line; break;
            case var other: errors.Add($"{where}: allowlist regexTarget '{other}' is not secret, match or line"); break;
        }
        return new SecretAllowlist(Str(t, "description"), condition, target, Strings(t, "regexes"), Strings(t, "paths"),
            Strings(t, "stopwords").Select(s => s.ToLowerInvariant()).ToArray(), Strings(t, "commits"));
    }

    private static string? Str(TomlTable t, string key) => t.String(key);

    private static string[] Strings(TomlTable t, string key) => [.. t.Strings(key)];
}
