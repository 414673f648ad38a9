using System.Xml.Linq;

namespace Noa.Stages.Classifier.Manifests;

/// <summary>MSBuild projects (*.csproj, *.fsproj, *.vbproj): SDK, package references, output type, licence.</summary>
internal static class DotNetManifests
{
    public static void Project(string path, string text, Findings findings)
    {
        findings.BuildSystem("dotnet", ".NET SDK (MSBuild)", "build-system", "nuget", path, FileName(path));
        if (JvmManifests.Load(path, text, findings)?.Root is not { } project)
        {
            return;
        }
        // Sdk="Aspire.AppHost.Sdk/13.1.0" names a version after the slash.
        var sdk = ((string?)project.Attribute("Sdk") ?? project.Elements().FirstOrDefault(e => e.Name.LocalName == "Sdk")?.Attribute("Name")?.Value)?.Split('/')[0].Trim();
        var elements = project.Descendants().ToArray();
        string? Property(string name) => elements.LastOrDefault(e => e.Name.LocalName == name && !e.HasElements)?.Value.Trim();
        bool Flag(string name) => string.Equals(Property(name), "true", StringComparison.OrdinalIgnoreCase);

        var web = sdk is "Microsoft.NET.Sdk.Web";
        // The SDK's default output: Web, Worker, Blazor WebAssembly and AppHost projects run (their SDKs set OutputType Exe); every
        // other project, a Razor class library too, is a library unless it says Exe.
        var output = Property("OutputType")
            ?? (web || sdk is "Microsoft.NET.Sdk.Worker" or "Microsoft.NET.Sdk.BlazorWebAssembly" or "Aspire.AppHost.Sdk" ? "Exe" : "Library");
        var runsAlone = !output.Equals("Library", StringComparison.OrdinalIgnoreCase);
        switch (sdk)
        {
            case "Microsoft.NET.Sdk.Web":
                findings.Framework(FrameworkCatalog.AspNetCore, path, $"Sdk=\"{sdk}\"");
                break;
            case "Microsoft.NET.Sdk.Worker":
                findings.Service("worker", 3, new Evidence(path, $"Sdk=\"{sdk}\""));
                break;
            case "Microsoft.NET.Sdk.BlazorWebAssembly":
                findings.Framework(FrameworkCatalog.Blazor, path, $"Sdk=\"{sdk}\"");
                break;
            case "Aspire.AppHost.Sdk":
                findings.FrameworkOnly(FrameworkCatalog.Aspire, path, $"Sdk=\"{sdk}\"");
                findings.AppKind("app-host", 8, new Evidence(path, $"Sdk=\"{sdk}\""));
                break;
        }
        if (Flag("IsAspireHost"))
        {
            findings.FrameworkOnly(FrameworkCatalog.Aspire, path, "<IsAspireHost>true</IsAspireHost>");
            findings.AppKind("app-host", 8, new Evidence(path, "<IsAspireHost>true</IsAspireHost>"));
        }
        if (Flag("IsAspireSharedProject"))
        {
            findings.FrameworkOnly(FrameworkCatalog.Aspire, path, "<IsAspireSharedProject>true</IsAspireSharedProject>");
        }
        if (Flag("UseMaui"))
        {
            findings.Framework(FrameworkCatalog.Maui, path, "<UseMaui>true</UseMaui>");
        }
        foreach (var (flag, id) in new[] { ("UseWPF", "wpf"), ("UseWindowsForms", "winforms") })
        {
            if (Flag(flag))
            {
                findings.Framework(new FrameworkDef("nuget", flag, id, id == "wpf" ? "WPF" : "Windows Forms", "desktop"), path, $"<{flag}>true</{flag}>");
            }
        }

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
                        var detail = $"<{e.Name.LocalName} Include=\"{include}\"{Version(e)} />";
                        // A class library that uses ASP.NET Core or a queue client is still a library: only a project that runs
                        // alone scores a service type by its packages.
                        if (runsAlone)
                        {
                            findings.Dependency("nuget", include, path, detail);
                        }
                        else if (FrameworkCatalog.Find("nuget", include) is { } f)
                        {
                            findings.FrameworkOnly(f, path, detail);
                        }
                    }
                    break;
                case "PackageLicenseExpression":
                    findings.Declare(Manifests.LicenseDeclarations.Expression(path, "PackageLicenseExpression", e.Value.Trim()));
                    break;
                case "PackAsTool" when e.Value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase):
                    findings.Service("cli", 3, new Evidence(path, "<PackAsTool>true</PackAsTool>"));
                    break;
            }
        }
        if (!runsAlone)
        {
            var detail = Property("OutputType") is null ? $"Sdk=\"{sdk ?? "Microsoft.NET.Sdk"}\" without OutputType (a class library)" : "<OutputType>Library</OutputType>";
            findings.Service("library", 1, new Evidence(path, detail));
            findings.AppKind("library", 5, new Evidence(path, detail));
        }
        else if (!web && !Flag("UseMaui") && sdk is not ("Microsoft.NET.Sdk.Worker" or "Microsoft.NET.Sdk.BlazorWebAssembly" or "Aspire.AppHost.Sdk") && !Flag("IsAspireHost"))
        {
            findings.Service("cli", 1, new Evidence(path, $"<OutputType>{output}</OutputType>"));
        }
        if (hasPackages)
        {
            findings.BuildSystem("nuget", "NuGet", "package-manager", "nuget", path, "PackageReference");
        }
    }

    /// <summary>Directory.Build.props / .targets: MSBuild imports every project below them, so their package references are those
    /// projects' frameworks (scored nowhere: the projects say what they are).</summary>
    public static void Imported(string path, string text, Findings findings)
    {
        findings.BuildSystem("dotnet", ".NET SDK (MSBuild)", "build-system", "nuget", path, FileName(path));
        if (JvmManifests.Load(path, text, findings)?.Root is not { } project)
        {
            return;
        }
        foreach (var e in project.Descendants().Where(e => e.Name.LocalName == "PackageReference"))
        {
            if ((string?)e.Attribute("Include") is { } include && FrameworkCatalog.Find("nuget", include) is { } f)
            {
                findings.FrameworkOnly(f, path, $"<PackageReference Include=\"{include}\"{Version(e)} />");
            }
        }
    }

    private static string Version(XElement e)
    {
        var v = (string?)e.Attribute("Version");
        return v is null ? "" : $" Version=\"{v}\"";
    }

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];
}
