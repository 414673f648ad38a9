namespace Noa.Stages.Integrator;

/// <summary>Options of the Integrator stage (<c>Noa:Integrator</c>).</summary>
public sealed class IntegratorOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Noa:Integrator";

    /// <summary>Only operations matching one of these (<c>tag:NAME</c> or a path prefix); empty keeps all.</summary>
    public List<string> Include { get; set; } = [];

    /// <summary>Operations matching one of these (<c>tag:NAME</c> or a path prefix) are left out.</summary>
    public List<string> Exclude { get; set; } = [];

    /// <summary>Largest OpenAPI document read, in bytes (a repository's spec or the source itself).</summary>
    public long MaxSpecBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Most files a spec's <c>$ref</c>s may read besides the spec itself (each at most <see cref="MaxSpecBytes"/>).</summary>
    public int MaxRefFiles { get; set; } = 1_000;

    /// <summary>Most JSON nodes a spec's <c>$ref</c>s may copy in from other files (bounds a chain of references that
    /// doubles at each step).</summary>
    public long MaxRefNodes { get; set; } = 2_000_000;

    /// <summary>The Go SDK's module path before its package name (a host and path such as <c>github.com/acme</c>).</summary>
    public string GoModulePrefix { get; set; } = Go.GoGenerator.DefaultModulePrefix;

    /// <summary>Every problem with these options, all at once.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxSpecBytes <= 0)
            errors.Add($"{Section}:MaxSpecBytes must be positive (was {MaxSpecBytes}).");
        if (MaxRefFiles < 0)
            errors.Add($"{Section}:MaxRefFiles must not be negative (was {MaxRefFiles}).");
        if (MaxRefNodes < 0)
            errors.Add($"{Section}:MaxRefNodes must not be negative (was {MaxRefNodes}).");
        foreach (var pattern in Include.Concat(Exclude).Where(string.IsNullOrWhiteSpace))
            errors.Add($"{Section}:Include and :Exclude entries must not be empty ('{pattern}').");
        if (!Go.GoGenerator.IsModulePrefix(GoModulePrefix ?? ""))
            errors.Add($"{Section}:GoModulePrefix must be a host and path such as github.com/acme (was '{GoModulePrefix}').");
        return errors;
    }
}
