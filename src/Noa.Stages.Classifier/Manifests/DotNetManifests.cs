using System.Xml.Linq;

namespace Noa.Stages.Classifier.Manifests;

/// <summary>MSBuild projects (*.csproj, *.fsproj, *.vbproj): SDK, package references, output type, licence.</summary>
internal static class DotNetManifests
{
    public static void Project(string path, string text, Findings findings)
    {
        findings.BuildSystem("dotnet", ".NET SDK (MSBuild)", "build-system", "nuget", path, FileName(path));
        if (JvmManifests.Load(text)?.Root is not { } project)
        {
            return;
        }
        var sdk = (string?)project.Attribute("Sdk") ?? project.Elements().FirstOrDefault(e => e.Name.LocalName == "Sdk")?.Attribute("Name")?.Value;
        var isWeb = false;
        switch (sdk)
        {
            case "Microsoft.NET.Sdk.Web":
                isWeb = true;
                findings.Framework(new FrameworkDef("nuget", sdk, "aspnetcore", "ASP.NET Core", "http"), path, $"Sdk=\"{sdk}\"");
                break;
            case "Microsoft.NET.Sdk.Worker":
                findings.Service("worker", 3, new Evidence(path, $"Sdk=\"{sdk}\""));
                break;
            case "Microsoft.NET.Sdk.BlazorWebAssembly":
                findings.Framework(new FrameworkDef("nuget", sdk, "blazor", "Blazor", "frontend"), path, $"Sdk=\"{sdk}\"");
                break;
        }
        var elements = project.Descendants().ToArray();
        var hasPackages = false;
        foreach (var e in elements)
        {
            switch (e.Name.LocalName)
            {
                case "PackageReference":
                case "FrameworkReference":
                    var include = (string?)e.Attribute("Include");
                    if (include is not null)
                    {
                        hasPackages |= e.Name.LocalName == "PackageReference";
                        findings.Dependency("nuget", include, path, $"<{e.Name.LocalName} Include=\"{include}\"{Version(e)} />");
                    }
                    break;
                case "PackageLicenseExpression":
                    findings.Declare(Manifests.LicenseDeclarations.Expression(path, "PackageLicenseExpression", e.Value.Trim()));
                    break;
                case "PackAsTool" when e.Value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase):
                    findings.Service("cli", 3, new Evidence(path, "<PackAsTool>true</PackAsTool>"));
                    break;
                case "OutputType":
                    var output = e.Value.Trim();
                    if (output.Equals("Exe", StringComparison.OrdinalIgnoreCase) && !isWeb)
                    {
                        findings.Service("cli", 1, new Evidence(path, "<OutputType>Exe</OutputType>"));
                    }
                    else if (output.Equals("Library", StringComparison.OrdinalIgnoreCase))
                    {
                        findings.Service("library", 1, new Evidence(path, "<OutputType>Library</OutputType>"));
                    }
                    break;
            }
        }
        if (hasPackages)
        {
            findings.BuildSystem("nuget", "NuGet", "package-manager", "nuget", path, "PackageReference");
        }
    }

    private static string Version(XElement e)
    {
        var v = (string?)e.Attribute("Version");
        return v is null ? "" : $" Version=\"{v}\"";
    }

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];
}
