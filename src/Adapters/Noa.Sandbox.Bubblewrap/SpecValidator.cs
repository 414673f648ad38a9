using Noa.Abstractions;

namespace Noa.Sandbox.Bubblewrap;

/// <summary>Every reason a spec cannot run, found before anything is created on the host.</summary>
internal static class SpecValidator
{
    public static void ThrowIfInvalid(SandboxSpec spec)
    {
        var errors = new List<string>();
        if (spec.Command.Count == 0 || string.IsNullOrEmpty(spec.Command[0]))
            errors.Add("command: must name a program");
        if (spec.RootFs is { } root && !Directory.Exists(root))
            errors.Add($"rootFs: {root} is not a folder");
        if (!IsAbsolute(spec.WorkingDirectory))
            errors.Add($"workingDirectory: must be an absolute path inside the sandbox, not '{spec.WorkingDirectory}'");
        if (spec.Uid < 0 || spec.Gid < 0)
            errors.Add("uid, gid: must not be negative");
        for (var i = 0; i < spec.Binds.Count; i++)
        {
            var bind = spec.Binds[i];
            if (!Path.IsPathFullyQualified(bind.Source) || !(File.Exists(bind.Source) || Directory.Exists(bind.Source)))
                errors.Add($"binds[{i}].source: {bind.Source} does not exist on the host (absolute path needed)");
            if (!IsAbsolute(bind.Target) || bind.Target == "/")
                errors.Add($"binds[{i}].target: must be an absolute path other than /, not '{bind.Target}'");
        }
        foreach (var tmpfs in spec.Tmpfs)
            if (!IsAbsolute(tmpfs) || tmpfs == "/")
                errors.Add($"tmpfs: must be absolute paths other than /, not '{tmpfs}'");
        foreach (var name in spec.Environment.Keys)
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
                errors.Add($"environment: '{name}' is not a variable name");
        foreach (var port in spec.InnerListeners)
            if (port is < 1 or > 65535)
                errors.Add($"innerListeners: {port} is not a TCP port");
        if (spec.Name is { } n && (n.Length > 40 || !n.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
            errors.Add("name: at most 40 letters, digits and dashes");
        foreach (var (field, reason) in spec.Limits.Validate())
            errors.Add($"limits.{field}: {reason}");
        if (errors.Count > 0)
            throw new ArgumentException("The sandbox spec is invalid: " + string.Join("; ", errors) + ".", nameof(spec));
    }

    private static bool IsAbsolute(string path) =>
        path.StartsWith('/') && !path.Split('/').Contains("..") && !path.Contains('\0', StringComparison.Ordinal);
}
