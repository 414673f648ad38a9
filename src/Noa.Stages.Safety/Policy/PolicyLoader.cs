using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Noa.Yaml;

namespace Noa.Stages.Safety.Policy;

/// <summary>Reads a policy document (YAML or JSON) and reports every problem in it at once, naming the field.</summary>
public static class PolicyLoader
{
    private const int MaxBytes = 256 * 1024;

    // A policy is a short document: a few hundred nodes, shallow.
    private static readonly YamlLimits Limits = YamlLimits.Default with { MaxChars = MaxBytes, MaxNodes = 100_000, MaxDepth = 32, MaxDuration = TimeSpan.FromSeconds(5) };
    private static readonly HashSet<string> Known = ["version", "maxSeverity", "secrets", "licenses", "waivers"];

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
            Deny = Strings(o["deny"], "licenses.deny", errors),
            Allow = Strings(o["allow"], "licenses.allow", errors),
            Unknown = EnumOf(o["unknown"], "licenses.unknown", Disposition.Warn, errors),
        };
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
            errors.Add($"{field} must be a list of SPDX ids");
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
