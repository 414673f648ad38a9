using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Noa.Licenses;
using Noa.Yaml;

namespace Noa.Stages.Safety.Policy;

/// <summary>Reads a policy document (YAML or JSON) and reports every problem in it at once, naming the field.</summary>
public static class PolicyLoader
{
    private const int MaxBytes = 256 * 1024;
    // A policy is a short document: a few hundred nodes, shallow.
    private static readonly YamlLimits Limits = YamlLimits.Default with { MaxChars = MaxBytes, MaxNodes = 100_000, MaxDepth = 32, MaxDuration = TimeSpan.FromSeconds(5) };
    private static readonly HashSet<string> Known = ["version", "maxSeverity", "secrets", "licenses", "waivers", "allowFailure", "skipped", "scopes"];

    /// <summary>The engines a policy may name in <c>allowFailure</c>.</summary>
    public static IReadOnlyList<string> Engines { get; } = ["licenses", "rules", "sbom", "secrets", "vulnerabilities"];

    /// <summary>The policy in the repository's <c>policies/default.yaml</c>, embedded.</summary>
    public static SafetyPolicy Default { get; } = LoadDefault();

    /// <summary>Parses <paramref name="text"/>; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="PolicyException">The document is not a valid policy; the message lists every problem.</exception>
    public static SafetyPolicy Parse(string text, string name)
    {
        if (text.Length > MaxBytes)
        {
            throw new PolicyException($"{name}: larger than {MaxBytes / 1024} KiB; a policy is a short document");
        }
        JsonNode? document;
        try
        {
            document = YamlToJson.Load(text, Limits, name);
        }
        catch (YamlDotNet.Core.YamlException e) when (e is YamlLimitException)
        {
            throw new PolicyException(e.Message);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new PolicyException($"{name}: invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {(e.InnerException ?? e).Message}");
        }
        if (document is not JsonObject root)
        {
            throw new PolicyException($"{name}: a policy is a mapping (version, maxSeverity, secrets, licenses, waivers)");
        }
        var errors = new List<string>();
        foreach (var (key, _) in root)
        {
            if (!Known.Contains(key))
            {
                errors.Add($"unknown field '{key}' (known: {string.Join(", ", Known)})");
            }
        }
        var version = Int(root["version"], "version", errors) ?? 1;
        if (version != 1)
        {
            errors.Add($"version must be 1, not {version}");
        }
        var policy = new SafetyPolicy
        {
            Version = version,
            MaxSeverity = EnumOf(root["maxSeverity"], "maxSeverity", Severity.Medium, errors),
            Secrets = EnumOf(root["secrets"], "secrets", Disposition.Deny, errors),
            Licenses = Licenses(root["licenses"], errors),
            Waivers = Waivers(root["waivers"], errors),
            AllowFailure = AllowFailure(root["allowFailure"], errors),
            Skipped = Skipped(root["skipped"], errors),
            Scopes = Scopes(root["scopes"], errors),
        };
        return errors.Count == 0 ? policy : throw new PolicyException($"{name}: " + string.Join("; ", errors));
    }

    private static LicensePolicy Licenses(JsonNode? node, List<string> errors)
    {
        if (node is null)
        {
            return new LicensePolicy();
        }
        if (node is not JsonObject o)
        {
            errors.Add("licenses must be a mapping (deny, allow, unknown)");
            return new LicensePolicy();
        }
        foreach (var (key, _) in o)
        {
            if (key is not ("deny" or "allow" or "unknown"))
            {
                errors.Add($"unknown field 'licenses.{key}' (known: deny, allow, unknown)");
            }
        }
        return new LicensePolicy
        {
            Deny = LicenseIds(o["deny"], "licenses.deny", errors),
            Allow = LicenseIds(o["allow"], "licenses.allow", errors),
            Unknown = EnumOf(o["unknown"], "licenses.unknown", Disposition.Warn, errors),
        };
    }

    // Ids the SPDX list has (or LicenseRef-…), in canonical case: a misspelt id would silently never match.
    private static IReadOnlyList<string> LicenseIds(JsonNode? node, string field, List<string> errors)
    {
        var ids = Strings(node, field, errors);
        var result = new List<string>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (SpdxExpression.Parse(ids[i]).Expression is LicenseTerm { Exception: null } term)
            {
                result.Add(term.Id);
            }
            else
            {
                errors.Add($"{field}[{i}] '{ids[i]}' is not an SPDX licence id (see https://spdx.org/licenses/)");
            }
        }
        return result;
    }

    private static IReadOnlyList<string> AllowFailure(JsonNode? node, List<string> errors)
    {
        var names = Strings(node, "allowFailure", errors);
        foreach (var unknown in names.Where(n => !Engines.Contains(n)))
        {
            errors.Add($"allowFailure names '{unknown}', which is not an engine (known: {string.Join(", ", Engines)})");
        }
        return names;
    }

    // Scopes the document leaves out keep their defaults.
    private static IReadOnlyDictionary<string, Disposition> Scopes(JsonNode? node, List<string> errors)
    {
        var result = new Dictionary<string, Disposition>(SafetyPolicy.DefaultScopes, StringComparer.Ordinal);
        if (node is null)
        {
            return result;
        }
        if (node is not JsonObject o)
        {
            errors.Add($"scopes must be a mapping of scope to allow, warn or deny (scopes: {string.Join(", ", SafetyPolicy.ScopeNames)})");
            return result;
        }
        foreach (var (scope, value) in o)
        {
            if (!SafetyPolicy.ScopeNames.Contains(scope))
            {
                errors.Add($"unknown field 'scopes.{scope}' (known: {string.Join(", ", SafetyPolicy.ScopeNames)})");
                continue;
            }
            result[scope] = EnumOf(value, $"scopes.{scope}", Disposition.Warn, errors);
        }
        return result;
    }

    // Reasons the document leaves out keep their defaults.
    private static IReadOnlyDictionary<string, Disposition> Skipped(JsonNode? node, List<string> errors)
    {
        var result = new Dictionary<string, Disposition>(SkipReasons.Defaults, StringComparer.Ordinal);
        if (node is null)
        {
            return result;
        }
        if (node is not JsonObject o)
        {
            errors.Add($"skipped must be a mapping of reason to allow, warn or deny (reasons: {string.Join(", ", SkipReasons.Defaults.Keys)})");
            return result;
        }
        foreach (var (reason, value) in o)
        {
            if (!SkipReasons.Defaults.ContainsKey(reason))
            {
                errors.Add($"unknown field 'skipped.{reason}' (known: {string.Join(", ", SkipReasons.Defaults.Keys)})");
                continue;
            }
            result[reason] = EnumOf(value, $"skipped.{reason}", SkipReasons.Defaults[reason], errors);
        }
        return result;
    }

    private static IReadOnlyList<Waiver> Waivers(JsonNode? node, List<string> errors)
    {
        if (node is null)
        {
            return [];
        }
        if (node is not JsonArray array)
        {
            errors.Add("waivers must be a list");
            return [];
        }
        var waivers = new List<Waiver>();
        for (var i = 0; i < array.Count; i++)
        {
            var at = $"waivers[{i}]";
            if (array[i] is not JsonObject w)
            {
                errors.Add($"{at} must be a mapping (id, reason, expires)");
                continue;
            }
            var id = Text(w["id"]);
            var reason = Text(w["reason"]);
            var expires = Text(w["expires"]);
            if (string.IsNullOrWhiteSpace(id))
            {
                errors.Add($"{at}.id is required (a rule id, an advisory id or alias, or a fingerprint)");
            }
            if (string.IsNullOrWhiteSpace(reason))
            {
                errors.Add($"{at}.reason is required: say why the finding is accepted");
            }
            if (!DateOnly.TryParseExact(expires, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add($"{at}.expires must be a date (YYYY-MM-DD), not '{expires}'");
            }
            if (!string.IsNullOrWhiteSpace(id) && !string.IsNullOrWhiteSpace(reason))
            {
                waivers.Add(new Waiver(id.Trim(), reason.Trim(), date));
            }
        }
        return waivers;
    }

    private static T EnumOf<T>(JsonNode? node, string field, T fallback, List<string> errors) where T : struct, Enum
    {
        if (node is null)
        {
            return fallback;
        }
        var text = Text(node);
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _))
        {
            return value;
        }
        errors.Add($"{field} must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}, not '{text}'");
        return fallback;
    }

    private static IReadOnlyList<string> Strings(JsonNode? node, string field, List<string> errors)
    {
        if (node is null)
        {
            return [];
        }
        if (node is not JsonArray array || array.Any(n => Text(n) is null))
        {
            errors.Add($"{field} must be a list of names");
            return [];
        }
        return array.Select(n => Text(n)!.Trim()).ToArray();
    }

    private static int? Int(JsonNode? node, string field, List<string> errors)
    {
        if (node is null)
        {
            return null;
        }
        if (int.TryParse(Text(node), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        errors.Add($"{field} must be a whole number");
        return null;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v ? v.ToString() : null;

    private static SafetyPolicy LoadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Noa.Safety.default-policy.yaml")
            ?? throw new InvalidOperationException("The default policy is not embedded.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "policies/default.yaml");
    }
}

/// <summary>A policy document that is not valid.</summary>
public sealed class PolicyException(string message) : Exception(message);
