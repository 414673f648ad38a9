using System.Text.Json;
using System.Text.RegularExpressions;

namespace Noa.Stages.Runner.Planning;

/// <summary>
/// A Node folder's package manager and the state of its lockfile. The manager is package.json's <c>packageManager</c> field
/// (<c>pnpm@10.33.0+sha512…</c>), else the lockfile's (pnpm-lock.yaml, yarn.lock, bun.lock), else npm. A manager the host lacks
/// is installed into the workspace from the npm registry, as the registry's own package of it (<see cref="Provision"/>; corepack
/// needs a writable <c>/usr</c> for its shims, and its signature check fails on the registry's pnpm and yarn 1 here). npm's lockfile is <i>current</i> when it is
/// version 2 or later and its root entry names what package.json names: then <c>npm ci</c> installs exactly it, with no
/// resolution; an older or stale one makes <c>npm ci</c> refuse, and <c>npm install</c> has to update it first.
/// </summary>
internal sealed partial record NodeManager(string Tool, string? Version, string From)
{
    /// <summary>Where the provisioned managers are installed, inside the capsule; its <c>node_modules/.bin</c> is on every step's PATH.</summary>
    public const string ToolsPrefix = $"{Execution.CapsuleStepRunner.Inside}/{Execution.StepExecutor.ReportFolder}/tools";

    private static readonly string[] Sections = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"];

    public static NodeManager Of(string folder, IReadOnlySet<string> files, Func<string, string?> read)
    {
        string P(string name) => folder.Length == 0 ? name : folder + "/" + name;
        if (read(P("package.json")) is { } json && Field(json, "packageManager") is { } field && PackageManagerField().Match(field) is { Success: true } m)
            return new NodeManager(m.Groups["tool"].Value, m.Groups["version"].Value, "package.json's packageManager");
        if (files.Contains(P("pnpm-lock.yaml")))
            return new NodeManager("pnpm", PnpmForLockfile(read(P("pnpm-lock.yaml"))), "pnpm-lock.yaml");
        if (files.Contains(P("yarn.lock")) && !files.Contains(P("package-lock.json")))
            return new NodeManager("yarn", "1", "yarn.lock");
        if (files.Contains(P("bun.lock")) || files.Contains(P("bun.lockb")))
            return new NodeManager("bun", null, "bun.lock");
        return new NodeManager("npm", null, "no other manager named");
    }

    /// <summary>The install of this manager into the workspace from the npm registry, or null when npm's own package cannot be it.</summary>
    public Candidate? Provision()
    {
        // bun is no JavaScript package: left to the host. Yarn 2 and later (berry) is the registry's @yarnpkg/cli-dist.
        if (Tool is not ("pnpm" or "yarn"))
            return null;
        var spec = (Tool, Version) switch
        {
            ("yarn", { } v) when !v.StartsWith("1", StringComparison.Ordinal) => $"@yarnpkg/cli-dist@{v}",
            (_, null) => Tool,
            _ => $"{Tool}@{Version}",
        };
        // --prefix moves npm's global config to PREFIX/etc/npmrc too: the host's (its CA file, its registry) is named again.
        return new Candidate($"npm install --no-save --no-package-lock --no-audit --no-fund --globalconfig \"$(npm config get globalconfig)\" --prefix {ToolsPrefix} {spec}",
            "runner", null, 0,
            $"{Tool} ({From}) is not on the host: its npm package, into the workspace, through the registries policy");
    }

    /// <summary>Null when the folder's npm lockfile is current (or there is none to read); else why <c>npm ci</c> would refuse it.</summary>
    public static string? StaleLockfile(string folder, Func<string, string?> read)
    {
        string P(string name) => folder.Length == 0 ? name : folder + "/" + name;
        var lockText = read(P("npm-shrinkwrap.json")) ?? read(P("package-lock.json"));
        if (lockText is null || read(P("package.json")) is not { } packageText)
            return null;
        try
        {
            using var lockfile = JsonDocument.Parse(lockText);
            using var package = JsonDocument.Parse(packageText);
            var version = lockfile.RootElement.TryGetProperty("lockfileVersion", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 1;
            if (version < 2)
                return $"its lockfile is version {version} (npm 6): npm updates it, asking the registry about every package";
            if (!lockfile.RootElement.TryGetProperty("packages", out var packages) || !packages.TryGetProperty("", out var root))
                return "its lockfile has no root entry";
            foreach (var section in Sections)
                if (Names(package.RootElement, section) is var wanted && Names(root, section) is var locked && !wanted.SetEquals(locked))
                    return $"its lockfile's {section} differ from package.json's ({string.Join(", ", wanted.Except(locked).Concat(locked.Except(wanted)).Take(5))})";
            return null;
        }
        catch (JsonException e)
        {
            return $"its lockfile or package.json is not JSON ({e.Message})";
        }
    }

    // name@range pairs of one dependency section, so a changed range is a difference as much as a new name.
    private static HashSet<string> Names(JsonElement element, string section) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(section, out var deps) && deps.ValueKind == JsonValueKind.Object
            ? [.. deps.EnumerateObject().Select(d => $"{d.Name}@{(d.Value.ValueKind == JsonValueKind.String ? d.Value.GetString() : "?")}")]
            : [];

    private static string? Field(string json, string name)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var f) && f.ValueKind == JsonValueKind.String
                ? f.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // pnpm-lock.yaml's lockfileVersion → the pnpm major that writes it (9.0: pnpm 9 and 10; 6.x: pnpm 8; 5.x: pnpm 7).
    private static string? PnpmForLockfile(string? text) =>
        text is null ? null : LockfileVersion().Match(text) is { Success: true } m
            ? m.Groups["major"].Value switch { "9" => "9", "6" => "8", "5" => "7", _ => null }
            : null;

    [GeneratedRegex(@"^(?<tool>pnpm|yarn|npm|bun)@(?<version>\d+(\.\d+){0,2}(-[0-9A-Za-z.]+)?)(\+.*)?$")]
    private static partial Regex PackageManagerField();

    [GeneratedRegex(@"^lockfileVersion:\s*'?(?<major>\d+)", RegexOptions.Multiline)]
    private static partial Regex LockfileVersion();
}
