using System.Text.RegularExpressions;
using Noa.Stages.Classifier.Manifests;

namespace Noa.Stages.Classifier.Scanning;

/// <summary>
/// Frameworks a source file imports: the ORM, migration, settings, template, UI, orchestration and test frameworks whose package a
/// manifest may not name (a transitive dependency, a shared Directory.Packages.props, a Gradle convention plugin), seen where the code
/// uses them. Each hit is the framework with the statement and its line. Only a substring test runs on every file; the statement
/// regex runs after a module name was seen. The catalogue maps a module to the package the manifest would name, so an import and a
/// manifest entry are the same framework (<see cref="FrameworkCatalog"/>).
/// </summary>
internal static partial class ImportedFrameworks
{
    // (import syntax, module or module prefix as the code writes it, ecosystem, the package that ships it).
    private static readonly (Syntax Syntax, string Module, string Ecosystem, string Package)[] Modules =
    [
        (Syntax.Python, "sqlmodel", "pypi", "sqlmodel"),
        (Syntax.Python, "sqlalchemy", "pypi", "sqlalchemy"),
        (Syntax.Python, "flask_sqlalchemy", "pypi", "flask-sqlalchemy"),
        (Syntax.Python, "alembic", "pypi", "alembic"),
        (Syntax.Python, "pydantic_settings", "pypi", "pydantic-settings"),
        (Syntax.Python, "testcontainers", "pypi", "testcontainers"),
        (Syntax.Python, "playwright", "pypi", "playwright"),
        (Syntax.CSharp, "Microsoft.EntityFrameworkCore", "nuget", "Microsoft.EntityFrameworkCore"),
        (Syntax.CSharp, "Aspire.Hosting", "nuget", "Aspire.Hosting"),
        (Syntax.CSharp, "Microsoft.AspNetCore.Components", "nuget", "Microsoft.AspNetCore.Components.Web"),
        (Syntax.CSharp, "Microsoft.Maui", "nuget", "Microsoft.Maui.Controls"),
        (Syntax.CSharp, "Testcontainers", "nuget", "Testcontainers"),
        (Syntax.CSharp, "DotNet.Testcontainers", "nuget", "Testcontainers"),
        (Syntax.CSharp, "Microsoft.Playwright", "nuget", "Microsoft.Playwright"),
        (Syntax.Jvm, "org.springframework.data.jpa", "maven", "org.springframework.data:spring-data-jpa"),
        (Syntax.Jvm, "org.thymeleaf", "maven", "org.thymeleaf:thymeleaf"),
        (Syntax.Jvm, "org.testcontainers", "maven", "org.testcontainers:testcontainers"),
        (Syntax.Jvm, "com.microsoft.playwright", "maven", "com.microsoft.playwright:playwright"),
        (Syntax.Node, "@prisma/client", "npm", "@prisma/client"),
        (Syntax.Node, "@playwright/test", "npm", "@playwright/test"),
        (Syntax.Node, "playwright", "npm", "playwright"),
        (Syntax.Node, "testcontainers", "npm", "testcontainers"),
        (Syntax.Node, "@testcontainers/", "npm", "@testcontainers/*"),
        (Syntax.Go, "github.com/testcontainers/testcontainers-go", "go", "github.com/testcontainers/testcontainers-go"),
        (Syntax.Go, "github.com/playwright-community/playwright-go", "go", "github.com/playwright-community/playwright-go"),
    ];

    // A Thymeleaf template declares the dialect's namespace (http or https); no import names it.
    private const string ThymeleafHost = "www.thymeleaf.org";

    [GeneratedRegex(@"^[\uFEFF \t]*(?:from[ \t]+(?<m>[A-Za-z_][\w.]*)[ \t]+import\b|import[ \t]+(?<m>[A-Za-z_][\w.]*))", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex PythonImport();

    [GeneratedRegex(@"^[\uFEFF \t]*(?:global[ \t]+)?using[ \t]+(?:static[ \t]+)?(?:\w+[ \t]*=[ \t]*)?(?<m>[A-Za-z_][\w.]*)[ \t]*;", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex CSharpUsing();

    [GeneratedRegex(@"^[\uFEFF \t]*import[ \t]+(?:static[ \t]+)?(?<m>[A-Za-z_][\w.]*)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex JvmImport();

    [GeneratedRegex(@"(?:\bfrom|\bimport|\brequire[ \t]*\(|\bimport[ \t]*\()[ \t]*['""](?<m>[^'""\s]+)['""]", RegexOptions.CultureInvariant)]
    private static partial Regex NodeImport();

    [GeneratedRegex(@"^[\uFEFF \t]*(?:import[ \t]+)?(?:[\w.]+[ \t]+)?""(?<m>[^""\s]+)""[ \t]*(?://.*)?\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex GoImport();

    public static void Collect(FileScan scan, string head)
    {
        var syntax = scan.Language?.Name switch
        {
            "Python" => Syntax.Python,
            "C#" => Syntax.CSharp,
            "Java" or "Kotlin" or "Groovy" => Syntax.Jvm,
            "JavaScript" or "TypeScript" or "TSX" or "JSX" or "Vue" or "Svelte" => Syntax.Node,
            "Go" => Syntax.Go,
            "HTML" => Syntax.Html,
            _ => Syntax.None,
        };
        if (syntax == Syntax.None)
        {
            return;
        }
        if (syntax == Syntax.Html)
        {
            var at = head.IndexOf("xmlns:th=\"", StringComparison.Ordinal);
            var end = at < 0 ? -1 : head.IndexOf('"', at + 10);
            var uri = end > 0 ? head[(at + 10)..end] : "";
            if (uri is "http://" + ThymeleafHost or "https://" + ThymeleafHost && FrameworkCatalog.Find("maven", "org.thymeleaf:thymeleaf") is { } thymeleaf)
            {
                Add(scan, thymeleaf, $"line {LineOf(head, at)}: {head[at..(end + 1)]}");
            }
            return;
        }
        var candidate = false;
        foreach (var m in Modules)
        {
            if (m.Syntax == syntax && head.Contains(m.Module, StringComparison.Ordinal))
            {
                candidate = true;
                break;
            }
        }
        if (!candidate)
        {
            return;
        }
        var regex = syntax switch
        {
            Syntax.Python => PythonImport(),
            Syntax.CSharp => CSharpUsing(),
            Syntax.Jvm => JvmImport(),
            Syntax.Node => NodeImport(),
            _ => GoImport(),
        };
        HashSet<string>? seen = null;
        foreach (Match match in regex.Matches(head))
        {
            var module = match.Groups["m"].Value;
            foreach (var m in Modules)
            {
                if (m.Syntax != syntax || !Imports(module, m.Module, syntax))
                {
                    continue;
                }
                // One hit per framework and file: the first line that imports it.
                if (FrameworkCatalog.Find(m.Ecosystem, m.Package) is { } framework && (seen ??= new(StringComparer.Ordinal)).Add(framework.Id))
                {
                    Add(scan, framework, $"line {LineOf(head, match.Index)}: {Statement(head, match.Index)}");
                }
                break;
            }
        }
    }

    // The module itself or one of its submodules (a scoped npm prefix ends in '/' and matches its packages).
    private static bool Imports(string module, string catalogued, Syntax syntax)
    {
        if (catalogued.EndsWith('/'))
        {
            return module.StartsWith(catalogued, StringComparison.Ordinal) && module.Length > catalogued.Length;
        }
        if (!module.StartsWith(catalogued, StringComparison.Ordinal))
        {
            return false;
        }
        if (module.Length == catalogued.Length)
        {
            return true;
        }
        var separator = syntax is Syntax.Node or Syntax.Go ? '/' : '.';
        return module[catalogued.Length] == separator;
    }

    private static void Add(FileScan scan, FrameworkDef framework, string detail) => (scan.Imports ??= []).Add((framework, detail));

    private static int LineOf(string text, int index)
    {
        var line = 1;
        for (var i = text.IndexOf('\n'); i >= 0 && i < index; i = text.IndexOf('\n', i + 1))
        {
            line++;
        }
        return line;
    }

    // The whole line of the statement (a Node import names its module at the end of the line).
    private static string Statement(string text, int index)
    {
        var start = index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;
        var end = text.IndexOf('\n', index);
        var line = (end < 0 ? text[start..] : text[start..end]).Trim();
        return line.Length > 160 ? line[..160] + "…" : line;
    }

    private enum Syntax
    {
        None,
        Python,
        CSharp,
        Jvm,
        Node,
        Go,
        Html,
    }
}
