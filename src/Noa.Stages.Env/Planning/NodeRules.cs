using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Noa.Abstractions;
using Noa.Abstractions.Env;
using Noa.Stages.Env.Facts;

namespace Noa.Stages.Env.Planning;

/// <summary>
/// What a Node app needs beyond install, build and start, each from package.json with its line: yarn and pnpm where the base
/// image has no corepack (Debian's nodejs, which scripts/images.sh builds node:18 from, ships neither), Prisma's client generated
/// once the schema is in the image (the dependency layer installs before the source is copied, so Prisma's postinstall finds no
/// schema), the nearest Node major images.lock holds when the pinned one is not there, and its newest LTS major when none is pinned.
/// </summary>
internal static partial class NodeRules
{
    /// <summary>The rule of a build that need not run (<see cref="Prebuilt"/>).</summary>
    public const string PrebuiltRule = "build.prebuilt";

    /// <summary>The shell step that makes <paramref name="packageManager"/> (yarn, pnpm) runnable: corepack where the image has it
    /// (node:20 and newer) and the command it provides runs, else the version package.json's <c>packageManager</c> names (yarn 1 when
    /// it names none or a yarn 2+ one: yarn 1 runs a repository's committed <c>yarnPath</c> release), installed with npm over
    /// corepack's shim. Corepack fails here when no version is pinned where it runs: it looks up the latest release and rejects
    /// the registry's metadata ("No compatible signature found"). Null for npm.</summary>
    public static string? Setup(string? packageManager, string? pinned) => packageManager switch
    {
        "yarn" => Fallback("yarn", pinned is { } y && y.StartsWith("1.", StringComparison.Ordinal) ? y : "1"),
        "pnpm" => Fallback("pnpm", pinned ?? "latest"),
        _ => null,
    };

    private static string Fallback(string command, string version) =>
        $"{{ command -v corepack >/dev/null && corepack enable && {command} --version >/dev/null 2>&1; }} || npm install -g --force --no-fund --no-audit {command}@{version}";

    /// <summary>The version of <paramref name="packageManager"/> package.json's <c>packageManager</c> pins (<c>pnpm@8.15.4+sha256…</c>
    /// → 8.15.4), or null.</summary>
    public static string? Pinned(string? packageJson, string? packageManager)
    {
        if (packageManager is null || Root(packageJson) is not { } root || !root.TryGetProperty("packageManager", out var pm) || pm.ValueKind != JsonValueKind.String)
            return null;
        var m = PackageManagerField().Match(pm.GetString()!);
        return m.Success && m.Groups["name"].Value == packageManager ? m.Groups["version"].Value : null;
    }

    /// <summary>The build step that generates Prisma's client, when package.json depends on <c>prisma</c> or <c>@prisma/client</c> and
    /// the schema is in the source (package.json's <c>prisma.schema</c>, else Prisma's default <c>prisma/schema.prisma</c>), or null.</summary>
    public static Decision? PrismaGenerate(string manifest, string? packageJson, SourceText files)
    {
        if (Root(packageJson) is not { } root)
            return null;
        var dependency = new[] { "dependencies", "devDependencies" }
            .Where(section => root.TryGetProperty(section, out var deps) && deps.ValueKind == JsonValueKind.Object)
            .SelectMany(section => root.GetProperty(section).EnumerateObject())
            .Select(p => p.Name).FirstOrDefault(n => n is "prisma" or "@prisma/client");
        if (dependency is null)
            return null;
        var configured = root.TryGetProperty("prisma", out var prisma) && prisma.ValueKind == JsonValueKind.Object &&
            prisma.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.String ? schema.GetString() : null;
        var relative = (configured ?? "prisma/schema.prisma").TrimStart('.', '/');
        var folder = Path.GetDirectoryName(manifest)?.Replace('\\', '/') is { Length: > 0 } d ? d : ".";
        var path = SourceText.Join(folder, relative);
        if (!files.Exists(path))
            return null;
        var evidence = new List<string> { $"{manifest}:{LineOf(packageJson!, $"\"{dependency}\"")}", path };
        if (configured is not null)
            evidence.Add($"{manifest}:{LineOf(packageJson!, "\"schema\"")}");
        return new Decision($"npx prisma generate --schema {relative}",
            $"build.prisma-generate: {dependency} is a dependency; its client is generated from {(configured is null ? "Prisma's default schema" : "package.json's prisma.schema")} once the source is copied",
            0.9, evidence);
    }

    /// <summary>
    /// When images.lock holds no <paramref name="toolchain"/> image for the decided Node major but holds others: the nearest of those
    /// (the higher one on a tie), as a decision that names what was asked, where, and what the lock holds. Null otherwise (the
    /// version is held, the lock holds no Node image at all, or the toolchain is not Node).
    /// </summary>
    public static Decision? NearestLocked(Toolchain toolchain, Decision runtime, ImagesLock? images)
    {
        if (toolchain != Toolchain.Node || images is null || runtime.Value is not { } asked || images.Find(toolchain.BuildImage(asked)) is not null
            || !int.TryParse(asked, NumberStyles.None, CultureInfo.InvariantCulture, out var major))
            return null;
        var held = Held(toolchain, images);
        if (held.Count == 0)
            return null;
        var nearest = held.OrderBy(v => Math.Abs(v - major)).ThenByDescending(v => v).First();
        var text = nearest.ToString(CultureInfo.InvariantCulture);
        return new Decision(text,
            $"runtime.nearest-locked: {runtime.Rule} asks for Node {asked}, which images.lock does not hold; it holds Node {string.Join(", ", held)}: {text} is the nearest",
            Math.Min(runtime.Confidence, 0.5), [.. runtime.Evidence, "images.lock"]);
    }

    /// <summary>
    /// The Node major an app that pins none (no <c>.nvmrc</c>, <c>.node-version</c> or <c>engines.node</c>) is built with, and the one a
    /// constraint gets when it admits it: the newest LTS major (an even one) images.lock holds, when that is newer than the toolchain's
    /// default (18, Debian's, out of support: current tools such as vite 7+ need Node 20.19+), as upstream's <c>node:lts</c> would be. Null
    /// when the lock holds no newer one (the default stays) or the toolchain is not Node.
    /// </summary>
    public static string? NewestLts(Toolchain toolchain, ImagesLock? images)
    {
        if (toolchain != Toolchain.Node || images is null)
            return null;
        var lts = Held(toolchain, images).Where(v => v % 2 == 0).DefaultIfEmpty(0).Max();
        return lts > int.Parse(toolchain.DefaultVersion, CultureInfo.InvariantCulture) ? lts.ToString(CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The Node majors images.lock holds as both build and run image, in order.</summary>
    private static List<int> Held(Toolchain toolchain, ImagesLock images) =>
        images.Images.SelectMany(i => i.Tags).Select(t => NodeTag().Match(t)).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups["major"].Value, CultureInfo.InvariantCulture))
            .Where(v => images.Find(toolchain.BuildImage(v.ToString(CultureInfo.InvariantCulture))) is not null && images.Find(toolchain.RunImage(v.ToString(CultureInfo.InvariantCulture))) is not null)
            .Distinct().Order().ToList();

    /// <summary>
    /// <c>npm ci</c> with <c>npm install</c> as its fallback when package-lock.json holds a dependency by dist-tag (verdaccio-audit's
    /// <c>node-fetch@cjs</c>): each npm resolves the tag afresh, so an npm other than the one that wrote the lock (the image's Debian
    /// npm 9 against a lock of npm 11) may find the lock out of sync and refuse it. The fallback installs with the same lockfile and
    /// says so in the build log. Null when the install is not <c>npm ci</c> or the lock names no tag.
    /// </summary>
    public static Decision? TaggedLock(Decision install, string? lockfile, string? lockText)
    {
        if (install.Value != "npm ci" || lockfile is null || lockText is null)
            return null;
        try
        {
            using var doc = JsonDocument.Parse(lockText);
            if (!doc.RootElement.TryGetProperty("packages", out var packages) || packages.ValueKind != JsonValueKind.Object)
                return null;
            foreach (var package in packages.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
            {
                foreach (var section in new[] { "dependencies", "optionalDependencies" })
                {
                    if (!package.Value.TryGetProperty(section, out var deps) || deps.ValueKind != JsonValueKind.Object)
                        continue;
                    foreach (var tagged in deps.EnumerateObject().Where(d => d.Value.ValueKind == JsonValueKind.String && DistTag().IsMatch(d.Value.GetString()!)).Take(1))
                    {
                        var note = $"npm ci refused the lockfile ({package.Name} depends on {tagged.Name}@{tagged.Value.GetString()}, a dist-tag this npm resolves afresh): npm install with it";
                        return new Decision($"npm ci || {{ echo '{note}' >&2 && npm install --no-audit --no-fund; }}",
                            $"{install.Rule}; install.npm-tagged-lock: {lockfile} holds {tagged.Name}@{tagged.Value.GetString()} (a dist-tag), which an npm other than the lock's writer may resolve otherwise; npm install with the same lockfile if npm ci refuses it",
                            Math.Min(install.Confidence, 0.8), [.. install.Evidence, $"{lockfile}:{SourceText.LineOf(lockText, lockText.IndexOf($"\"{tagged.Name}\": \"{tagged.Value.GetString()}\"", StringComparison.Ordinal))}"]);
                    }
                }
            }
        }
        catch (JsonException)
        {
            return null; // npm ci reports a lockfile that does not parse
        }
        return null;
    }

    /// <summary>A build script that need not run: package.json's <c>main</c> or a <c>bin</c> is already in the source under <c>dist/</c> or
    /// <c>build/</c> (a published package ships its build output, and often not the sources its build script reads). Null otherwise.</summary>
    public static Decision? Prebuilt(string manifest, string? packageJson, SourceText files)
    {
        if (Root(packageJson) is not { } root)
            return null;
        var folder = Path.GetDirectoryName(manifest)?.Replace('\\', '/') is { Length: > 0 } d ? d : ".";
        foreach (var (field, target) in Targets(root))
        {
            var relative = target.StartsWith("./", StringComparison.Ordinal) ? target[2..] : target;
            if (!relative.StartsWith("dist/", StringComparison.Ordinal) && !relative.StartsWith("build/", StringComparison.Ordinal))
                continue;
            var path = SourceText.Join(folder, relative);
            if (files.Exists(path) || files.Exists(path + ".js"))
                return new Decision(null, $"{PrebuiltRule}: package.json's {field} {relative} is already in the source (the build's output ships with it), so its build script is not run",
                    0.7, [$"{manifest}:{LineOf(packageJson!, $"\"{field}\"")}", path]);
        }
        return null;
    }

    /// <summary>A start command whose program is the package's own <c>bin</c> (<c>verdaccio</c>, <c>peerjs --port 9000</c>): npm links a
    /// package's bins for its dependents, not for itself, so in the image it is <c>node FILE</c>. Null otherwise.</summary>
    public static async Task<Decision?> OwnBinAsync(Decision start, string manifest, string? packageJson, SourceText files, CancellationToken ct)
    {
        if (start.Value is not { } command || Root(packageJson) is not { } root)
            return null;
        var program = command.Split(' ', 2)[0];
        var folder = Path.GetDirectoryName(manifest)?.Replace('\\', '/') is { Length: > 0 } d ? d : ".";
        foreach (var (field, target) in Targets(root))
        {
            var name = field == "bin" ? (root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!.Split('/')[^1] : null) : field.StartsWith("bin.", StringComparison.Ordinal) ? field[4..] : null;
            if (name != program)
                continue;
            var relative = target.StartsWith("./", StringComparison.Ordinal) ? target[2..] : target;
            var text = await files.ReadAsync(SourceText.Join(folder, relative), ct).ConfigureAwait(false);
            if (text is null || !(relative.EndsWith("js", StringComparison.Ordinal) || text.StartsWith("#!", StringComparison.Ordinal) && text.Split('\n', 2)[0].Contains("node", StringComparison.Ordinal)))
                return null;
            return new Decision($"node {relative}{command[program.Length..]}",
                $"{start.Rule}; start.own-bin: {program} is package.json's own bin ({relative}), which npm puts on no PATH in the package itself: run with node",
                start.Confidence, [.. start.Evidence, $"{manifest}:{LineOf(packageJson!, "\"bin\"")}"]);
        }
        return null;
    }

    /// <summary>The names package.json's bins are run by (a string bin is named after the package, unscoped).</summary>
    internal static IReadOnlyList<string> BinNames(string? packageJson) => Root(packageJson) is not { } root ? []
        : [.. Targets(root).Where(t => t.Field.StartsWith("bin", StringComparison.Ordinal)).Select(t => t.Field == "bin"
            ? root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!.Split('/')[^1] : null
            : t.Field[4..]).OfType<string>()];

    // package.json's main and bins (bin as a string is named after the package: field "bin"; as an object, "bin.NAME").
    private static IEnumerable<(string Field, string Target)> Targets(JsonElement root)
    {
        if (root.TryGetProperty("main", out var main) && main.ValueKind == JsonValueKind.String)
            yield return ("main", main.GetString()!);
        if (!root.TryGetProperty("bin", out var bin))
            yield break;
        if (bin.ValueKind == JsonValueKind.String)
            yield return ("bin", bin.GetString()!);
        else if (bin.ValueKind == JsonValueKind.Object)
            foreach (var p in bin.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                yield return ("bin." + p.Name, p.Value.GetString()!);
    }

    /// <summary>package.json's root object, or null when there is none or it does not parse (the Classifier reports that).</summary>
    internal static JsonElement? Root(string? packageJson)
    {
        if (packageJson is null)
            return null;
        try
        {
            using var doc = JsonDocument.Parse(packageJson, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null; // a package.json that does not parse: the Classifier reports it
        }
    }

    /// <summary>package.json's script of that name, or null.</summary>
    internal static string? Script(string? packageJson, string name) =>
        Root(packageJson) is { } root && root.TryGetProperty("scripts", out var scripts) && scripts.ValueKind == JsonValueKind.Object
        && scripts.TryGetProperty(name, out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;

    /// <summary>The line of <paramref name="needle"/>'s first occurrence in <paramref name="text"/> (1 when absent).</summary>
    internal static int LineOf(string text, string needle) => SourceText.LineOf(text, Math.Max(0, text.IndexOf(needle, StringComparison.Ordinal)));

    /// <summary>Whether a start command is package.json's start script (<c>npm start</c>, <c>npm run start</c>).</summary>
    internal static bool IsNpmStart(string command) => NpmStart().IsMatch(command);

    [GeneratedRegex(@"^npm\s+(run\s+)?start$")]
    private static partial Regex NpmStart();

    [GeneratedRegex(@"^(?<name>[a-z]+)@(?<version>\d+(\.\d+){0,2}[^+\s]*)")]
    private static partial Regex PackageManagerField();

    // A dependency spec that is a dist-tag (cjs, next, latest), not a version, range, URL or alias.
    [GeneratedRegex(@"^(?!v?\d)[A-Za-z][\w.-]*$")]
    private static partial Regex DistTag();

    [GeneratedRegex(@"^node:(?<major>\d+)(-|$)")]
    private static partial Regex NodeTag();
}
