using System.Globalization;
using Noa.Abstractions;
using Noa.Capsule.Policy;

namespace Noa.Capsule;

/// <summary>Every reason a capsule request cannot run, found before anything starts; fields named as in the API's JSON.</summary>
internal static class CapsuleValidator
{
    public static Dictionary<string, string> Check(CapsuleRequest request, SandboxLimits limits, CapsuleOptions options, EgressPolicies policies)
    {
        var errors = new Dictionary<string, string>();
        if (request.Image is null && request.Command.Count == 0)
            errors["command"] = "a capsule on the host root needs a command (an image may bring its own)";
        if (request.Command.Any(string.IsNullOrEmpty))
            errors["command"] = "no argument may be empty or missing";
        if (request.Image is { } image && (image.Length == 0 || image.Length > 512 || image.StartsWith('-') || image.Any(char.IsWhiteSpace)))
            errors["image"] = $"'{image}' is not an image reference";
        if (request.Policy is { } name && policies.Find(name) is null)
            errors["policy"] = $"'{name}' is not a policy here; policies: {string.Join(", ", policies.Names.Order(StringComparer.Ordinal))}";
        if (request.WorkingDirectory is { } wd && (!wd.StartsWith('/') || wd.Split('/').Contains("..")))
            errors["workingDirectory"] = "must be an absolute path inside the capsule";
        foreach (var key in request.Environment.Keys.Where(k => k.Length == 0 || k.Contains('=', StringComparison.Ordinal) || k.Contains('\0', StringComparison.Ordinal)))
            errors["env"] = $"'{key}' is not a variable name";
        foreach (var port in request.Ports)
            if (port is < 1 or > 65535 || port == options.ProxyPort || port == options.OtlpPort)
                errors["ports"] = $"{port} is not a port a service may publish (1-65535, not the sidecars' {options.ProxyPort} and {options.OtlpPort})";
        if (request.Uid is < 0)
            errors["uid"] = "must not be negative";
        if (request.Workspace is { } workspace && !Directory.Exists(workspace))
            errors["workspace"] = $"{workspace} is not a folder";
        foreach (var (field, reason) in limits.Validate())
            errors["limits." + field] = reason;
        var max = options.MaxLimits;
        void Over(string field, bool over, string most)
        {
            if (over && !errors.ContainsKey("limits." + field))
                errors["limits." + field] = $"is above what this worker allows ({most})";
        }
        Over("cpus", limits.Cpus > max.Cpus, max.Cpus.ToString(CultureInfo.InvariantCulture));
        Over("memoryBytes", limits.MemoryBytes > max.MemoryBytes, max.MemoryBytes.ToString(CultureInfo.InvariantCulture));
        Over("pids", limits.Pids > max.Pids, max.Pids.ToString(CultureInfo.InvariantCulture));
        Over("wallTimeSeconds", limits.WallTime.TotalSeconds > max.WallTimeSeconds, max.WallTimeSeconds.ToString(CultureInfo.InvariantCulture));
        Over("outputBytes", limits.OutputBytes > max.OutputBytes, max.OutputBytes.ToString(CultureInfo.InvariantCulture));
        Over("tmpfsBytes", limits.TmpfsBytes > max.TmpfsBytes, max.TmpfsBytes.ToString(CultureInfo.InvariantCulture));
        if (errors.Remove("limits.wallTime", out var wall))
            errors["limits.wallTimeSeconds"] = wall;
        return errors;
    }
}
