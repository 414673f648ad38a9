using System.Text.Json;
using Noa.Licenses;
using Noa.Safety.Sbom.Writers;

namespace Noa.Safety.Sbom;

/// <summary>Writes an <see cref="Sbom"/> as CycloneDX 1.6 JSON (<c>sbom.cdx.json</c>).</summary>
public static class CycloneDxWriter
{
    /// <summary>Writes the document; the same SBOM gives the same bytes (the serial number is derived from the content).</summary>
    /// <param name="sbom">What to write.</param>
    /// <param name="output">Where to write it.</param>
    /// <param name="timestamp">metadata.timestamp, left out when null.</param>
    public static void Write(Sbom sbom, Stream output, DateTimeOffset? timestamp = null)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
        w.WriteString("bomFormat", "CycloneDX");
        w.WriteString("specVersion", "1.6");
        w.WriteString("serialNumber", $"urn:uuid:{ContentId.Of(sbom)}");
        w.WriteNumber("version", 1);
        w.WriteStartObject("metadata");
        if (timestamp is { } t)
        {
            w.WriteString("timestamp", t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }
        w.WriteStartObject("tools");
        w.WriteStartArray("components");
        w.WriteStartObject();
        w.WriteString("type", "application");
        w.WriteString("name", "noa");
        w.WriteString("version", typeof(CycloneDxWriter).Assembly.GetName().Version?.ToString(3));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("component");
        w.WriteString("type", "application");
        w.WriteString("bom-ref", sbom.ProjectRef);
        w.WriteString("name", sbom.ProjectName);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("components");
        foreach (var c in sbom.Components)
        {
            WriteComponent(w, c);
        }
        w.WriteEndArray();
        w.WriteStartArray("dependencies");
        var dependsOn = sbom.Dependencies.ToDictionary(d => d.Ref, d => d.DependsOn, StringComparer.Ordinal);
        foreach (var reference in sbom.Components.Select(c => c.Purl).Prepend(sbom.ProjectRef))
        {
            w.WriteStartObject();
            w.WriteString("ref", reference);
            w.WriteStartArray("dependsOn");
            foreach (var target in dependsOn.GetValueOrDefault(reference) ?? [])
            {
                w.WriteStringValue(target);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteComponent(Utf8JsonWriter w, Component c)
    {
        w.WriteStartObject();
        w.WriteString("type", "library");
        w.WriteString("bom-ref", c.Purl);
        if (c.Namespace is not null)
        {
            w.WriteString("group", c.Namespace);
        }
        w.WriteString("name", c.Name);
        if (c.Version is not null)
        {
            w.WriteString("version", c.Version);
        }
        w.WriteString("scope", c.Scope == ComponentScope.Runtime ? "required" : "optional");
        if (c.Hashes.Count > 0)
        {
            w.WriteStartArray("hashes");
            foreach (var h in c.Hashes)
            {
                w.WriteStartObject();
                w.WriteString("alg", h.Algorithm);
                w.WriteString("content", h.Value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (c.License is { } license)
        {
            w.WriteStartArray("licenses");
            w.WriteStartObject();
            if (license.Expression is { } e && !(license.IsSingleId && SpdxCatalog.Instance.TryLicense(e, out _)))
            {
                w.WriteString("expression", e);
            }
            else
            {
                w.WriteStartObject("license");
                w.WriteString(license.Expression is null ? "name" : "id", license.Expression ?? license.Text);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteString("purl", c.Purl);
        w.WriteStartArray("properties");
        Property(w, "noa:scope", c.Scope.ToString().ToLowerInvariant());
        Property(w, "noa:direct", c.Direct ? "true" : "false");
        foreach (var source in c.Sources.Count > 0 ? c.Sources : [c.SourcePath])
        {
            Property(w, "noa:sourceManifest", source);
        }
        if (c.Requirement is not null)
        {
            Property(w, "noa:requirement", c.Requirement);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Property(Utf8JsonWriter w, string name, string value)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("value", value);
        w.WriteEndObject();
    }
}
