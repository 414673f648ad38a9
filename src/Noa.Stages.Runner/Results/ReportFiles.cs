using System.Xml;

namespace Noa.Stages.Runner.Results;

/// <summary>
/// Test reports a step wrote into the workspace (JUnit XML from pytest, Surefire, Gradle, Jest, Node; TRX from dotnet test):
/// XML and TRX files changed since the step started, outside dependency folders, below a size bound.
/// </summary>
internal static class ReportFiles
{
    private const long MaxBytes = 64L << 20;
    private static readonly string[] Ignored = ["node_modules", ".git", ".venv", "venv", ".tox"];

    public static (List<TestCase> Tests, List<string> Files, List<string> Problems) Read(string workspace, DateTime sinceUtc)
    {
        var tests = new List<TestCase>();
        var files = new List<string>();
        var problems = new List<string>();
        foreach (var path in Enumerate(workspace))
        {
            var info = new FileInfo(path);
            if (info.LastWriteTimeUtc < sinceUtc || info.Length > MaxBytes || info.LinkTarget is not null)
                continue;
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (IOException e)
            {
                problems.Add($"{Path.GetRelativePath(workspace, path)}: {e.Message}");
                continue;
            }
            try
            {
                var parsed = path.EndsWith(".trx", StringComparison.OrdinalIgnoreCase) && Trx.Looks(text) ? Trx.Parse(text)
                    : JUnitXml.Looks(text) ? JUnitXml.Parse(text) : null;
                if (parsed is null)
                    continue;
                tests.AddRange(parsed);
                files.Add(Path.GetRelativePath(workspace, path));
            }
            catch (XmlException e)
            {
                problems.Add($"{Path.GetRelativePath(workspace, path)}: not a readable test report ({e.Message})");
            }
        }
        return (tests, files, problems);
    }

    private static IEnumerable<string> Enumerate(string root)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(dir, "*", options))
                if (!Ignored.Contains(Path.GetFileName(sub)))
                    pending.Push(sub);
            foreach (var file in Directory.EnumerateFiles(dir, "*", options))
                if (file.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".trx", StringComparison.OrdinalIgnoreCase))
                    yield return file;
        }
    }
}
