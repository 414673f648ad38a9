using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Noa.Safety.Sbom.Writers;

namespace Noa.Safety.Sbom;

/// <summary>Writes an <see cref="Sbom"/> as SPDX 2.3 JSON (<c>sbom.spdx.json</c>).</summary>
public static class SpdxWriter
{
    private const string ProjectId = "SPDXRef-Project";

    /// <summary>Writes the document; the same SBOM gives the same bytes (the namespace is derived from the content).</summary>
    /// <param name="sbom">What to write.</param>
    /// <param name="output">Where to write it.</param>
    /// <param name="created">creationInfo.created, which SPDX requires; the Unix epoch when null, so output stays reproducible.</param>
    public static void Write(Sbom sbom, Stream output, DateTimeOffset? created = null)
    {
        var ids = sbom.Components.ToDictionary(c => c.Purl, Id, StringComparer.Ordinal);
        ids[sbom.ProjectRef] = ProjectId;
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("spdxVersion", "SPDX-2.3");
        w.WriteString("dataLicense", "CC0-1.0");
        w.WriteString("SPDXID", "SPDXRef-DOCUMENT");
        w.WriteString("name", sbom.ProjectName);
        w.WriteString("documentNamespace", $"https://spdx.org/spdxdocs/{Uri.EscapeDataString(sbom.ProjectName)}-{ContentId.Of(sbom)}");
        w.WriteStartObject("creationInfo");
        w.WriteString("created", (created ?? DateTimeOffset.UnixEpoch).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        w.WriteStartArray("creators");
        w.WriteStringValue($"Tool: noa-{typeof(SpdxWriter).Assembly.GetName().Version?.ToString(3)}");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("documentDescribes");
        w.WriteStringValue(ProjectId);
        w.WriteEndArray();
        w.WriteStartArray("packages");
        WritePackage(w, ProjectId, sbom.ProjectName, null, null, "APPLICATION");
        foreach (var c in sbom.Components)
        {
            WritePackage(w, ids[c.Purl], c.FullName, c, c.License?.Expression, "LIBRARY");
        }
        w.WriteEndArray();
        w.WriteStartArray("relationships");
        Relationship(w, "SPDXRef-DOCUMENT", "DESCRIBES", ProjectId);
        var scopes = sbom.Components.ToDictionary(c => c.Purl, c => c.Scope, StringComparer.Ordinal);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in sbom.Dependencies)
        {
            foreach (var target in d.DependsOn)
            {
                reached.Add(target);
                Edge(w, ids[d.Ref], ids[target], scopes[target]);
            }
        }
        // Packages no edge reaches (a go.mod's indirect modules, a Gradle lockfile's entries) still belong to the project.
        foreach (var c in sbom.Components.Where(c => !reached.Contains(c.Purl)))
        {
            Edge(w, ProjectId, ids[c.Purl], c.Scope);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Edge(Utf8JsonWriter w, string from, string to, ComponentScope scope)
    {
        switch (scope)
        {
            case ComponentScope.Dev:
                Relationship(w, to, "DEV_DEPENDENCY_OF", from);
                break;
            case ComponentScope.Optional:
                Relationship(w, to, "OPTIONAL_DEPENDENCY_OF", from);
                break;
            default:
                Relationship(w, from, "DEPENDS_ON", to);
                break;
        }
    }

    private static void WritePackage(Utf8JsonWriter w, string id, string name, Component? c, string? license, string purpose)
    {
        w.WriteStartObject();
        w.WriteString("SPDXID", id);
        w.WriteString("name", name);
        if (c?.Version is { } version)
        {
            w.WriteString("versionInfo", version);
        }
        w.WriteString("downloadLocation", "NOASSERTION");
        w.WriteBoolean("filesAnalyzed", false);
        w.WriteString("licenseConcluded", "NOASSERTION");
        w.WriteString("licenseDeclared", license ?? "NOASSERTION");
        w.WriteString("copyrightText", "NOASSERTION");
        w.WriteString("primaryPackagePurpose", purpose);
        if (c is not null)
        {
            if (c.Hashes.Count > 0)
            {
                w.WriteStartArray("checksums");
                foreach (var h in c.Hashes)
                {
                    w.WriteStartObject();
                    w.WriteString("algorithm", h.Algorithm.Replace("-", "", StringComparison.Ordinal));
                    w.WriteString("checksumValue", h.Value);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteStartArray("externalRefs");
            w.WriteStartObject();
            w.WriteString("referenceCategory", "PACKAGE-MANAGER");
            w.WriteString("referenceType", "purl");
            w.WriteString("referenceLocator", c.Purl);
            w.WriteEndObject();
            w.WriteEndArray();
            if (c.Requirement is not null)
            {
                w.WriteString("comment", $"unpinned: {c.Requirement}");
            }
        }
        w.WriteEndObject();
    }

    private static void Relationship(Utf8JsonWriter w, string from, string type, string to)
    {
        w.WriteStartObject();
        w.WriteString("spdxElementId", from);
        w.WriteString("relationshipType", type);
        w.WriteString("relatedSpdxElement", to);
        w.WriteEndObject();
    }

    /// <summary>A readable id ("SPDXRef-Package-npm-express-4.22.3-…") made unique by a hash of the purl.</summary>
    private static string Id(Component c)
    {
        var readable = new StringBuilder();
        foreach (var ch in $"{c.Ecosystem}-{c.FullName}-{c.Version}")
        {
            readable.Append(char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' ? ch : '-');
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(c.Purl)).AsSpan(0, 4));
        return $"SPDXRef-Package-{readable}-{hash}";
    }
}
