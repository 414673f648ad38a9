using System.Diagnostics;
using Noa.Safety.Sbom;

// Usage: Noa.Bench.Sbom <folder> <out-dir>. Reads the folder as the Safety stage would get it (every
// file but .git), builds the SBOM, writes sbom.cdx.json and sbom.spdx.json, and prints the timings.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Noa.Bench.Sbom <folder> <out-dir>");
    return 2;
}
var root = Path.GetFullPath(args[0]);
var read = Stopwatch.StartNew();
var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
    .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
    .Where(p => !p.StartsWith(".git/", StringComparison.Ordinal))
    .Select(p => (p, File.ReadAllBytes(Path.Combine(root, p))))
    .ToList();
read.Stop();
var build = Stopwatch.StartNew();
var sbom = SbomBuilder.Build(files, Path.GetFileName(root));
using (var cdx = File.Create(Path.Combine(args[1], "sbom.cdx.json")))
{
    CycloneDxWriter.Write(sbom, cdx);
}
using (var spdx = File.Create(Path.Combine(args[1], "sbom.spdx.json")))
{
    SpdxWriter.Write(sbom, spdx);
}
build.Stop();
Console.WriteLine($"files={files.Count} bytes={files.Sum(f => (long)f.Item2.Length)} read_ms={read.ElapsedMilliseconds} build_write_ms={build.ElapsedMilliseconds} components={sbom.Components.Count} problems={sbom.Problems.Count}");
foreach (var problem in sbom.Problems)
{
    Console.Error.WriteLine($"{problem.Path}: {problem.Message}");
}
return 0;
