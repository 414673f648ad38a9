using System.Reflection;

namespace Noa.Stages.Intake;

/// <summary>The program that made a bundle.</summary>
internal sealed record ToolInfo(string Name, string Version)
{
    public static ToolInfo Current { get; } = new("noa",
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ToolInfo).Assembly.GetName().Version?.ToString() ?? "0.0.0");
}
