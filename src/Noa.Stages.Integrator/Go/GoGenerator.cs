using System.Globalization;
using System.Text.RegularExpressions;
using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.Output;

namespace Noa.Stages.Integrator.Go;

/// <summary>
/// The Go SDK: one module, one package (standard library only, Go 1.19+: no range-over-func) with <c>models.go</c>,
/// <c>client.go</c>, the hand-written runtime (<c>runtime.go</c>), <c>go.mod</c> and a README with an example per
/// operation and the packaging steps. Same model, same bytes.
/// </summary>
internal static partial class GoGenerator
{
    public const string Language = "go";

    /// <summary>Where modules go when no prefix is configured: a placeholder the README tells to replace.</summary>
    public const string DefaultModulePrefix = "example.com";

    public static IReadOnlyList<GeneratedFile> Generate(ApiModel model, string? modulePrefix = null)
    {
        var package = PackageName(model.Title);
        var version = Version(model.Version);
        var module = ModulePath(modulePrefix, package, version);
        var types = new GoTypes(model);
        var models = new GoModels(model, types);
        var methodNames = new Naming.Identifiers(GoSyntax.StandardMethods, "Call");
        var methods = model.Operations.Select(op => new GoMethod(op, methodNames.For(op.Id, GoSyntax.Exported(op.Id)), types)).ToList();
        foreach (var method in methods.Where(m => m.Operation.Paging is not null))
            methodNames.Reserve(method.Name + "Pager");
        // The models are written first: they settle every schema's and enum constant's name before the client's structs take theirs.
        var modelsGo = models.Write(package);
        return
        [
            new("go.mod", $"module {module}\n\ngo 1.19\n"),
            new("README.md", GoReadme.Write(model, types, methods, module, package, version)),
            new("models.go", modelsGo),
            new("client.go", GoClient.Write(model, types, models, methods, package, $"{package}-go/{version}")),
            new("runtime.go", Runtime().Replace("package sdk\n", $"package {package}\n", StringComparison.Ordinal)),
        ];
    }

    /// <summary>The package name: the title's letters and digits in lower case (<c>noaapi</c>), never a keyword, <c>main</c> or empty.</summary>
    public static string PackageName(string title)
    {
        var name = string.Concat(Naming.NameWords.Split(title));
        name = name.Length == 0 ? "api" : name;
        name = char.IsAsciiDigit(name[0]) ? "api" + name : name;
        return GoSyntax.Locals.Contains(name) || name is "main" or "sdk" ? name + "api" : name;
    }

    /// <summary>The module path: the configured prefix (a host and path, such as <c>github.com/acme</c>), the package name,
    /// and <c>/vN</c> when the version's major N is 2 or more (Go's rule for tagging such versions).</summary>
    public static string ModulePath(string? prefix, string package, string version)
    {
        prefix = string.IsNullOrWhiteSpace(prefix) ? DefaultModulePrefix : prefix.Trim().TrimEnd('/');
        var path = ModulePrefix().IsMatch(prefix) ? $"{prefix}/{package}" : $"{DefaultModulePrefix}/{package}";
        var major = int.TryParse(version.TrimStart('v').Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0;
        return major >= 2 ? $"{path}/v{major}" : path;
    }

    /// <summary>Whether a configured prefix can start a module path (a host with a dot, then path elements).</summary>
    public static bool IsModulePrefix(string prefix) => ModulePrefix().IsMatch(prefix.TrimEnd('/'));

    /// <summary>The module version to tag: the API's version when it is semantic (<c>1.2.3</c>), else v0.1.0.</summary>
    public static string Version(string version) => SemVer().IsMatch(version) ? "v" + version : "v0.1.0";

    private static string Runtime()
    {
        using var stream = typeof(GoGenerator).Assembly.GetManifestResourceStream("go/runtime.go")
            ?? throw new InvalidOperationException("the embedded Go runtime file runtime.go is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.\-]*\.[a-z]{2,}(/[A-Za-z0-9_.\-~]+)*$")]
    private static partial Regex ModulePrefix();

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex SemVer();
}
