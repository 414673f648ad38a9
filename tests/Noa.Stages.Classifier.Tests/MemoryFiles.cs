using System.Text;

namespace Noa.Stages.Classifier.Tests;

/// <summary>Builds classifier inputs from in-memory files.</summary>
internal static class MemoryFiles
{
    public static IReadOnlyList<ClassifierInput> Of(params (string Path, string Content)[] files) =>
        files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f =>
        {
            var bytes = Encoding.UTF8.GetBytes(f.Content);
            return new ClassifierInput(f.Path, bytes.Length, _ => ValueTask.FromResult<Stream>(new MemoryStream(bytes, writable: false)));
        }).ToArray();

    public static Task<Classification> ClassifyAsync(params (string Path, string Content)[] files) =>
        new SourceClassifier(new ClassifierOptions { MaxDegreeOfParallelism = 2 }).ClassifyAsync(Of(files));
}
