namespace Noa.IntegrationTests;

/// <summary>Generated sources: many small files of a few languages.</summary>
internal static class SourceTrees
{
    public static string Mixed(string root, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var dir = Path.Combine(root, $"pkg{i / 500:D3}");
            Directory.CreateDirectory(dir);
            var (ext, body) = (i % 4) switch
            {
                0 => (".py", $"def f{i}(x):\n    return x * {i}\n"),
                1 => (".go", $"package p\n\nfunc F{i}() int {{ return {i} }}\n"),
                2 => (".js", $"export function f{i}() {{ return {i}; }}\n"),
                _ => (".java", $"class C{i} {{ int f() {{ return {i}; }} }}\n"),
            };
            File.WriteAllText(Path.Combine(dir, $"f{i}{ext}"), body);
        }
        return root;
    }
}
