using System.Text.Json;
using System.Xml.Linq;

namespace Noa.Abstractions;

/// <summary>
/// The package registries this host is configured for, read from each tool's own configuration: npm's (<c>npm config list</c>,
/// which reads every npmrc and npm's defaults), NuGet's user <c>NuGet.Config</c>, pip's <c>PIP_INDEX_URL</c> /
/// <c>PIP_EXTRA_INDEX_URL</c> and <c>pip.conf</c> files, Go's <c>GOPROXY</c> (<c>go env</c>, so its shipped default counts), Cargo's
/// <c>config.toml</c> sources and registries (<c>$CARGO_HOME</c>, else <c>~/.cargo</c>; crates.io, Cargo's built-in default, counts only
/// when named), Maven's <c>settings.xml</c> mirrors and profile repositories (<c>~/.m2</c>, <c>/etc/maven</c>) and apt's sources. Only http(s) registries count (<c>direct</c>, <c>off</c>, file paths do not). Nothing here names a registry: a host
/// configured for none gets none. The Runner's install steps may reach exactly these (the capsule's <c>registries</c> policy).
/// </summary>
public static class PackageRegistries
{
    private static readonly Lazy<IReadOnlyList<PackageRegistry>> HostRegistries = new(() => Read(HostSettings.Current));

    /// <summary>This host's registries (read once per process).</summary>
    public static IReadOnlyList<PackageRegistry> FromHost() => HostRegistries.Value;

    /// <summary>The registries <paramref name="host"/>'s configuration names, in ecosystem order, without duplicates.</summary>
    public static IReadOnlyList<PackageRegistry> Read(HostSettings host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var found = new List<PackageRegistry>();
        Npm(host, found);
        NuGet(host, found);
        Pip(host, found);
        Go(host, found);
        Cargo(host, found);
        Maven(host, found);
        Apt(host, found);
        return [.. found.DistinctBy(r => (r.Ecosystem, r.Url.AbsoluteUri))];
    }

    private static void Add(List<PackageRegistry> found, string ecosystem, string? url, string where)
    {
        if (url is null || !Uri.TryCreate(url.Trim().Trim('"', '\''), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.IdnHost.Length == 0)
            return;
        found.Add(new PackageRegistry(ecosystem, uri, where));
    }

    // npm's own reading of its configuration (environment, user, global and built-in npmrc): the registry and every scope's.
    private static void Npm(HostSettings host, List<PackageRegistry> found)
    {
        if (host.Run("npm", ["config", "list", "--json"]) is not { } json)
            return;
        try
        {
            using var doc = JsonDocument.Parse(json);
            foreach (var p in doc.RootElement.EnumerateObject())
                if ((p.Name == "registry" || p.Name.EndsWith(":registry", StringComparison.Ordinal)) && p.Value.ValueKind == JsonValueKind.String)
                    Add(found, "npm", p.Value.GetString(), "npm config list (" + p.Name + ")");
        }
        catch (JsonException)
        {
            // An npm that prints something else has no registry we can read.
        }
    }

    // NuGet's user configuration, as dotnet reads it on Linux and macOS: sources after a <clear/>, less the disabled ones.
    private static void NuGet(HostSettings host, List<PackageRegistry> found)
    {
        var path = host.Environment.GetValueOrDefault("NUGET_CONFIG_FILE") is { Length: > 0 } given ? given
            : host.Home is null ? null : Path.Combine(host.Home, ".nuget", "NuGet", "NuGet.Config");
        if (path is null || !File.Exists(path))
            return;
        XDocument doc;
        try
        {
            doc = XDocument.Load(path);
        }
        catch (Exception e) when (e is System.Xml.XmlException or IOException or UnauthorizedAccessException)
        {
            return;
        }
        var disabled = doc.Root?.Element("disabledPackageSources")?.Elements("add")
            .Where(a => string.Equals((string?)a.Attribute("value"), "true", StringComparison.OrdinalIgnoreCase))
            .Select(a => (string?)a.Attribute("key")).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        var sources = new List<(string? Key, string? Value)>();
        foreach (var e in doc.Root?.Element("packageSources")?.Elements() ?? [])
        {
            if (e.Name.LocalName == "clear")
                sources.Clear();
            else if (e.Name.LocalName == "add")
                sources.Add(((string?)e.Attribute("key"), (string?)e.Attribute("value")));
        }
        foreach (var (key, value) in sources.Where(s => !disabled.Contains(s.Key)))
            Add(found, "nuget", value, path);
    }

    private static readonly string[] PipKeys = ["index-url", "extra-index-url", "index_url", "extra_index_url"];

    private static void Pip(HostSettings host, List<PackageRegistry> found)
    {
        foreach (var name in new[] { "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL" })
            foreach (var url in (host.Environment.GetValueOrDefault(name) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                Add(found, "pip", url, name);
        var files = new List<string> { Path.Combine(host.Etc, "pip.conf"), Path.Combine(host.Etc, "xdg", "pip", "pip.conf") };
        if (host.Home is { } home)
            files.AddRange([Path.Combine(home, ".config", "pip", "pip.conf"), Path.Combine(home, ".pip", "pip.conf")]);
        if (host.Environment.GetValueOrDefault("PIP_CONFIG_FILE") is { Length: > 0 } given)
            files.Add(given);
        foreach (var file in files.Where(File.Exists))
        {
            string? section = null;
            string? key = null;
            foreach (var raw in File.ReadLines(file))
            {
                var line = raw.Split('#')[0];
                if (line.Trim().StartsWith('['))
                {
                    (section, key) = (line.Trim().Trim('[', ']').Trim(), null);
                    continue;
                }
                if (section is not ("global" or "install" or "download"))
                    continue;
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                string value;
                if (eq > 0 && !char.IsWhiteSpace(line[0]))
                {
                    key = line[..eq].Trim();
                    value = line[(eq + 1)..];
                }
                else if (key is not null && line.Length > 0 && char.IsWhiteSpace(line[0]))
                    value = line; // a continuation line of a multi-line value
                else
                    continue;
                if (PipKeys.Contains(key))
                    foreach (var url in value.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                        Add(found, "pip", url, file);
            }
        }
    }

    // GOPROXY is a list separated by , or |; direct (the modules' own VCS hosts) and off are not registries.
    private static void Go(HostSettings host, List<PackageRegistry> found)
    {
        var (value, where) = host.Environment.GetValueOrDefault("GOPROXY") is { Length: > 0 } env ? (env, "GOPROXY")
            : (host.Run("go", ["env", "GOPROXY"]), "go env GOPROXY");
        foreach (var url in (value ?? "").Split([',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            Add(found, "go", url, where);
    }

    // Cargo's configuration: [source.NAME] registry = "…" (a replacement of crates.io), [registries.NAME] index = "…", their dotted
    // forms, and CARGO_REGISTRIES_NAME_INDEX. A sparse index (sparse+https://…) is its https URL; git and local sources do not count.
    private static void Cargo(HostSettings host, List<PackageRegistry> found)
    {
        foreach (var (name, value) in host.Environment.Where(e => e.Key.StartsWith("CARGO_REGISTRIES_", StringComparison.Ordinal) && e.Key.EndsWith("_INDEX", StringComparison.Ordinal)))
            Add(found, "cargo", StripSparse(value), name);
        var home = host.Environment.GetValueOrDefault("CARGO_HOME") is { Length: > 0 } given ? given : host.Home is null ? null : Path.Combine(host.Home, ".cargo");
        if (home is null)
            return;
        foreach (var file in new[] { "config.toml", "config" }.Select(f => Path.Combine(home, f)).Where(File.Exists))
        {
            string? table = null;
            foreach (var raw in File.ReadLines(file))
            {
                var line = raw.Split('#')[0].Trim();
                if (line.StartsWith('['))
                {
                    table = line.Trim('[', ']').Trim();
                    continue;
                }
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                    continue;
                var key = (table is null ? "" : table + ".") + line[..eq].Trim();
                var parts = key.Split('.');
                if (parts.Length == 3 && ((parts[0] == "source" && parts[2] == "registry") || (parts[0] == "registries" && parts[2] == "index")))
                    Add(found, "cargo", StripSparse(line[(eq + 1)..].Trim().Trim('"', '\'')), file);
            }
        }
    }

    private static string StripSparse(string url) => url.StartsWith("sparse+", StringComparison.Ordinal) ? url["sparse+".Length..] : url;

    // Maven's settings.xml (the user's, then the installation's): every mirror's URL (less blocked ones) and the repositories of its profiles.
    private static void Maven(HostSettings host, List<PackageRegistry> found)
    {
        var files = new List<string>();
        if (host.Home is { } home)
            files.Add(Path.Combine(home, ".m2", "settings.xml"));
        files.Add(Path.Combine(host.Etc, "maven", "settings.xml"));
        if (host.Environment.GetValueOrDefault("MAVEN_HOME") is { Length: > 0 } maven)
            files.Add(Path.Combine(maven, "conf", "settings.xml"));
        foreach (var file in files.Where(File.Exists))
        {
            XDocument doc;
            try
            {
                doc = XDocument.Load(file);
            }
            catch (Exception e) when (e is System.Xml.XmlException or IOException or UnauthorizedAccessException)
            {
                continue;
            }
            foreach (var url in doc.Descendants().Where(e => e.Name.LocalName == "url"
                         && e.Parent?.Name.LocalName is "mirror" or "repository" or "pluginRepository"
                         // Maven's own settings.xml ships a blocked mirror (http://0.0.0.0/) that stops plain-http repositories.
                         && !e.Parent.Elements().Any(b => b.Name.LocalName == "blocked" && b.Value.Trim() == "true")))
                Add(found, "maven", url.Value, file);
        }
    }

    // One-line sources (deb [options] URI suite …) and deb822 .sources files (URIs: …).
    private static void Apt(HostSettings host, List<PackageRegistry> found)
    {
        var apt = Path.Combine(host.Etc, "apt");
        var files = new List<string>();
        if (File.Exists(Path.Combine(apt, "sources.list")))
            files.Add(Path.Combine(apt, "sources.list"));
        if (Directory.Exists(Path.Combine(apt, "sources.list.d")))
            files.AddRange(Directory.EnumerateFiles(Path.Combine(apt, "sources.list.d")).Where(f => f.EndsWith(".list", StringComparison.Ordinal) || f.EndsWith(".sources", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            var deb822 = file.EndsWith(".sources", StringComparison.Ordinal);
            var enabled = true;
            foreach (var raw in File.ReadLines(file))
            {
                var line = raw.Split('#')[0].Trim();
                if (deb822)
                {
                    if (line.Length == 0)
                        enabled = true;
                    else if (line.StartsWith("Enabled:", StringComparison.OrdinalIgnoreCase))
                        enabled = !line[8..].Trim().Equals("no", StringComparison.OrdinalIgnoreCase);
                    else if (enabled && line.StartsWith("URIs:", StringComparison.OrdinalIgnoreCase))
                        foreach (var url in line[5..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                            Add(found, "apt", url, file);
                    continue;
                }
                if (!line.StartsWith("deb", StringComparison.Ordinal))
                    continue;
                var words = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (words[0] is not ("deb" or "deb-src"))
                    continue;
                var i = 1;
                if (i < words.Length && words[i].StartsWith('['))
                {
                    while (i < words.Length && !words[i].EndsWith(']'))
                        i++;
                    i++; // past the options
                }
                if (i < words.Length)
                    Add(found, "apt", words[i], file);
            }
        }
    }
}
