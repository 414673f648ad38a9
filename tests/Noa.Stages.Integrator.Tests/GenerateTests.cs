using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.Output;
using Noa.Yaml;

namespace Noa.Stages.Integrator.Tests;

/// <summary>Loads specs into the model and writes generated files into a temp folder for the compilers.</summary>
internal static class Generate
{
    public static async Task<ApiModel> ModelAsync(string text, string name = "spec")
    {
        var loaded = await SpecLoader.LoadAsync(text, name, YamlLimits.Default, CancellationToken.None);
        Assert.True(loaded.Document is not null, string.Join("\n", loaded.Errors));
        return OpenApiModelReader.Read(loaded.Document!);
    }

    public static string Spec(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", file));

    public static string WriteAll(IEnumerable<GeneratedFile> files, string folder)
    {
        foreach (var file in files)
        {
            var path = Path.Combine(folder, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }
        return folder;
    }
}
