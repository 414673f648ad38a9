using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Noa.Stages.Classifier.Manifests;

/// <summary>Maven pom.xml and Gradle build scripts (Groovy and Kotlin DSL).</summary>
internal static partial class JvmManifests
{
    [GeneratedRegex(@"\b(?:implementation|api|compile|compileOnly|runtimeOnly|testImplementation|kapt|annotationProcessor)\s*\(?\s*[""']([\w.\-]+):([\w.\-]+)(?::[^""']*)?[""']", RegexOptions.CultureInvariant)]
    private static partial Regex GradleCoordinate();

    [GeneratedRegex(@"\b(?:implementation|api|runtimeOnly)\s*\(\s*libs\.([\w.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex GradleCatalogAlias();

    [GeneratedRegex(@"(?:id\s*\(?\s*[""']org\.springframework\.boot[""']|apply\s+plugin:\s*[""']org\.springframework\.boot[""'])", RegexOptions.CultureInvariant)]
    private static partial Regex SpringBootPlugin();

    [GeneratedRegex(@"^\s*(?:id\s*\(?\s*[""']application[""']|apply\s+plugin:\s*[""']application[""']|application\s*$|`application`)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ApplicationPlugin();

    public static void Pom(string path, string text, Findings findings)
    {
        findings.BuildSystem("maven", "Maven", "build-system", "maven", path, "pom.xml");
        if (Load(path, text, findings) is not { } doc)
        {
            return;
        }
        foreach (var dep in doc.Descendants().Where(e => e.Name.LocalName == "dependency"))
        {
            var artifact = Child(dep, "artifactId");
            if (artifact is not null)
            {
                var group = Child(dep, "groupId");
                findings.Dependency("maven", group is null ? artifact : $"{group}:{artifact}", path, $"<dependency> {group}:{artifact}");
            }
        }
        foreach (var license in doc.Descendants().Where(e => e.Name.LocalName == "license"))
        {
            var name = Child(license, "name");
            if (!string.IsNullOrWhiteSpace(name))
            {
                findings.Declare(LicenseDeclarations.Named(path, "licenses/license/name", name));
            }
        }
        var packaging = doc.Root is null ? null : Child(doc.Root, "packaging");
        if (packaging is "jar" or null && doc.Descendants().Any(e => e.Name.LocalName == "artifactId" && e.Value == "maven-shade-plugin"))
        {
            findings.Service("cli", 1, new Evidence(path, "maven-shade-plugin (runnable jar)"));
        }
    }

    public static void Gradle(string path, string text, Findings findings)
    {
        findings.BuildSystem("gradle", "Gradle", "build-system", "maven", path, FileName(path));
        foreach (Match m in GradleCoordinate().Matches(text))
        {
            findings.Dependency("maven", $"{m.Groups[1].Value}:{m.Groups[2].Value}", path, m.Value.Trim());
        }
        foreach (Match m in GradleCatalogAlias().Matches(text))
        {
            findings.Dependency("maven", m.Groups[1].Value.Replace('.', '-'), path, m.Value.Trim());
        }
        var boot = SpringBootPlugin().Match(text);
        if (boot.Success)
        {
            findings.FrameworkOnly(new FrameworkDef("maven", "org.springframework.boot", "spring-boot", "Spring Boot", "http"), path, boot.Value);
        }
        var app = ApplicationPlugin().Match(text);
        if (app.Success)
        {
            findings.Service("cli", 1, new Evidence(path, "application plugin"));
        }
    }

    /// <summary>The document, or null after listing the file as unread.</summary>
    internal static XDocument? Load(string path, string text, Findings findings)
    {
        var doc = Load(text, out var error);
        if (doc is null)
        {
            findings.Unread(path, $"not well-formed XML: {error}");
        }
        return doc;
    }

    internal static XDocument? Load(string text) => Load(text, out _);

    private static XDocument? Load(string text, out string? error)
    {
        error = null;
        try
        {
            // No DTDs: manifests are untrusted input.
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            return XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            error = e.Message;
            return null;
        }
    }

    internal static string? Child(XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value.Trim();

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];
}
