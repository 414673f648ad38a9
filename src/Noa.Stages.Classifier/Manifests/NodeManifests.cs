using System.Text.Json;

namespace Noa.Stages.Classifier.Manifests;

/// <summary>package.json and composer.json: dependencies, entry points and licences.</summary>
internal static class NodeManifests
{
    private static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static void PackageJson(string path, string text, Findings findings)
    {
        if (Parse(path, text, findings) is not { } doc)
        {
            return;
        }
        using (doc)
        {
            var root = doc.RootElement;
            // Only runtime dependencies say what the package is; dev and peer ones still name the frameworks it works with.
            Dependencies(root, "dependencies", "npm", path, findings, scored: true);
            Dependencies(root, "devDependencies", "npm", path, findings, scored: false);
            Dependencies(root, "peerDependencies", "npm", path, findings, scored: false);
            if (root.TryGetProperty("bin", out var bin) && bin.ValueKind is JsonValueKind.String or JsonValueKind.Object)
            {
                findings.Service("cli", 3, new Evidence(path, "bin"));
            }
            var isPrivate = root.TryGetProperty("private", out var p) && p.ValueKind == JsonValueKind.True;
            foreach (var entry in (ReadOnlySpan<string>)["exports", "main", "module"])
            {
                if (!isPrivate && root.TryGetProperty(entry, out _))
                {
                    findings.Service("library", 2, new Evidence(path, entry));
                    break;
                }
            }
            MonorepoTools(root, path, findings);
            if (root.TryGetProperty("packageManager", out var pm) && pm.ValueKind == JsonValueKind.String)
            {
                var name = pm.GetString()!.Split('@')[0];
                if (name is "npm" or "yarn" or "pnpm" or "bun")
                {
                    findings.BuildSystem(name, name, "package-manager", "npm", path, "packageManager: " + pm.GetString());
                }
            }
            License(root, path, findings);
        }
    }

    public static void ComposerJson(string path, string text, Findings findings)
    {
        if (Parse(path, text, findings) is not { } doc)
        {
            return;
        }
        using (doc)
        {
            var root = doc.RootElement;
            Dependencies(root, "require", "composer", path, findings, scored: true);
            Dependencies(root, "require-dev", "composer", path, findings, scored: false);
            if (root.TryGetProperty("bin", out _))
            {
                findings.Service("cli", 3, new Evidence(path, "bin"));
            }
            if (root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "library")
            {
                findings.Service("library", 2, new Evidence(path, "type: library"));
            }
            License(root, path, findings);
        }
    }

    // Nx and Turborepo are build systems of a monorepo, installed as (dev) dependencies.
    private static void MonorepoTools(JsonElement root, string path, Findings findings)
    {
        foreach (var section in (ReadOnlySpan<string>)["dependencies", "devDependencies"])
        {
            if (!root.TryGetProperty(section, out var deps) || deps.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            foreach (var dep in deps.EnumerateObject())
            {
                if (dep.Name is "nx" || dep.Name.StartsWith("@nx/", StringComparison.Ordinal) || dep.Name.StartsWith("@nrwl/", StringComparison.Ordinal))
                {
                    findings.BuildSystem("nx", "Nx", "build-system", "npm", path, $"{section}.{dep.Name}");
                }
                else if (dep.Name is "turbo")
                {
                    findings.BuildSystem("turborepo", "Turborepo", "build-system", "npm", path, $"{section}.{dep.Name}");
                }
            }
        }
    }

    private static JsonDocument? Parse(string path, string text, Findings findings)
    {
        try
        {
            var doc = JsonDocument.Parse(text, Lenient);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                return doc;
            }
            doc.Dispose();
        }
        catch (JsonException e)
        {
            // A broken manifest tells nothing but that it is broken; the rest of the tree still classifies.
            findings.Unread(path, $"not valid JSON: {e.Message}");
        }
        return null;
    }

    private static void Dependencies(JsonElement root, string section, string ecosystem, string path, Findings findings, bool scored)
    {
        if (!root.TryGetProperty(section, out var deps) || deps.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        foreach (var dep in deps.EnumerateObject())
        {
            if (FrameworkCatalog.Find(ecosystem, dep.Name) is not { } f)
            {
                continue;
            }
            var detail = $"{section}.{dep.Name} {(dep.Value.ValueKind == JsonValueKind.String ? dep.Value.GetString() : "")}".TrimEnd();
            if (scored)
            {
                findings.Framework(f, path, detail);
            }
            else
            {
                findings.FrameworkOnly(f, path, detail);
            }
        }
    }

    private static void License(JsonElement root, string path, Findings findings)
    {
        if (root.TryGetProperty("license", out var license))
        {
            if (license.ValueKind == JsonValueKind.String)
            {
                findings.Declare(LicenseDeclarations.Expression(path, "license", license.GetString()!));
            }
            else if (license.ValueKind == JsonValueKind.Array)
            {
                // composer.json: an array of alternatives means OR.
                var ids = license.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray();
                if (ids.Length > 0)
                {
                    var expression = ids.Length == 1 ? ids[0] : "(" + string.Join(" OR ", ids) + ")";
                    findings.Declare(LicenseDeclarations.Expression(path, "license", expression));
                }
            }
            else if (license.ValueKind == JsonValueKind.Object && license.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
            {
                findings.Declare(LicenseDeclarations.Expression(path, "license.type", type.GetString()!));
            }
        }
        else if (root.TryGetProperty("licenses", out var legacy) && legacy.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in legacy.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
                {
                    findings.Declare(LicenseDeclarations.Expression(path, "licenses[].type", type.GetString()!));
                }
            }
        }
    }
}
