namespace Noa.Manifests.Python;

/// <summary>A console script of a pyproject.toml: a command name and the <c>module:function</c> it runs.</summary>
/// <param name="Name">The command.</param>
/// <param name="Target">The entry point, <c>module:function</c>.</param>
/// <param name="Section"><c>project.scripts</c>, <c>project.gui-scripts</c> or <c>tool.poetry.scripts</c>.</param>
public sealed record PyScript(string Name, string Target, string Section);
