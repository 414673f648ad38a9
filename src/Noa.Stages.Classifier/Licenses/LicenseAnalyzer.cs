using System.Text.RegularExpressions;
using Noa.Licenses;
using Noa.Stages.Classifier.Paths;
using Noa.Stages.Classifier.Scanning;

namespace Noa.Stages.Classifier.Licenses;

/// <summary>
/// Builds the licence report: licence files matched to SPDX texts, declarations of manifests,
/// "governed by a BSD-style license … in the LICENSE file" headers resolved to that file's licence,
/// and SPDX-License-Identifier headers.
/// </summary>
internal static partial class LicenseAnalyzer
{
    /// <summary>Licence files larger than this are not matched (no licence text is that long).</summary>
    public const int MaxLicenseBytes = 256 * 1024;

    [GeneratedRegex(@"^(?:(?:un)?licen[cs]e|copying(?:\.lesser|\.lib)?|copyright|mit-licen[cs]e|licen[cs]e[-_.][\w.-]+|[\w-]+[-_.]licen[cs]e)(?:\.(?:md|markdown|txt|rst|html|adoc|org|text))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LicenseFileName();

    public static bool IsLicenseFile(string path) =>
        LicenseFileName().IsMatch(FileScanner.Basename(path)) && !PathRules.IsVendored(path)
        && !path.Contains("fixtures/", StringComparison.Ordinal) && !path.Contains("testdata/", StringComparison.Ordinal);

    public static async Task<LicenseReport> AnalyzeAsync(IReadOnlyList<FileScan> scans, IReadOnlyList<DeclaredLicense> declared,
        Func<string, CancellationToken, Task<string?>> read, CancellationToken cancellationToken)
    {
        var files = new List<LicenseFile>();
        foreach (var scan in scans)
        {
            if (scan.Category == FileCategory.Binary || scan.Size > MaxLicenseBytes || !IsLicenseFile(scan.Path))
            {
                continue;
            }
            var text = await read(scan.Path, cancellationToken).ConfigureAwait(false);
            if (text is null)
            {
                continue;
            }
            var match = LicenseMatcher.Match(text);
            files.Add(new LicenseFile(scan.Path, match.Id, match.Closest, match.Confidence));
        }
        var byPath = files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        return new LicenseReport(Primary(files, declared), files, declared, Notices(scans, byPath), SpdxHeaders(scans));
    }

    private static string? Primary(List<LicenseFile> files, IReadOnlyList<DeclaredLicense> declared)
    {
        var root = files.Where(f => !f.Path.Contains('/', StringComparison.Ordinal) && f.Spdx is not null)
            .Select(f => f.Spdx!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (root.Length > 0)
        {
            // Several root licence files (LICENSE-MIT, LICENSE-APACHE) offer a choice.
            return string.Join(" OR ", root);
        }
        return declared.Where(d => d.Valid && !d.Path.Contains('/', StringComparison.Ordinal)).Select(d => d.Normalized).FirstOrDefault()
            ?? declared.Where(d => d.Valid).Select(d => d.Normalized).FirstOrDefault();
    }

    private static List<LicenseNotice> Notices(IReadOnlyList<FileScan> scans, Dictionary<string, LicenseFile> licenseFiles)
    {
        var groups = new SortedDictionary<(string Style, string File), (int Files, string Example)>();
        foreach (var scan in scans)
        {
            if (scan.LicenseNotice is not { } notice)
            {
                continue;
            }
            var resolved = Resolve(scan.Path, notice.File, licenseFiles) ?? "";
            var key = (notice.Style, resolved);
            groups[key] = groups.TryGetValue(key, out var g) ? (g.Files + 1, g.Example) : (1, scan.Path);
        }
        return groups.Select(p => new LicenseNotice(
                p.Key.Style,
                p.Key.File.Length == 0 ? null : p.Key.File,
                p.Key.File.Length == 0 ? null : licenseFiles[p.Key.File].Spdx,
                p.Value.Files,
                p.Value.Example))
            .ToList();
    }

    // The named file in the source file's folder or the nearest ancestor that has one.
    private static string? Resolve(string sourcePath, string fileName, Dictionary<string, LicenseFile> licenseFiles)
    {
        var dir = sourcePath;
        while (true)
        {
            var slash = dir.LastIndexOf('/');
            dir = slash < 0 ? "" : dir[..slash];
            var candidate = dir.Length == 0 ? fileName : dir + "/" + fileName;
            if (licenseFiles.ContainsKey(candidate))
            {
                return candidate;
            }
            if (dir.Length == 0)
            {
                return null;
            }
        }
    }

    private static List<SpdxHeaderCount> SpdxHeaders(IReadOnlyList<FileScan> scans)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var scan in scans)
        {
            if (scan.SpdxIdentifier is { } expr)
            {
                counts[expr] = counts.GetValueOrDefault(expr) + 1;
            }
        }
        var merged = new SortedDictionary<string, (bool Valid, int Files)>(StringComparer.Ordinal);
        foreach (var (expr, n) in counts)
        {
            var parsed = SpdxExpression.Parse(expr);
            var key = parsed.Normalized ?? expr;
            merged[key] = merged.TryGetValue(key, out var m) ? (m.Valid, m.Files + n) : (parsed.Valid, n);
        }
        return merged.Select(p => new SpdxHeaderCount(p.Key, p.Value.Valid, p.Value.Files)).ToList();
    }
}
