using System.Text;
using Noa.Abstractions;
using Noa.Stages.Classifier.Apps;
using Noa.Stages.Classifier.Languages;
using Noa.Licenses;
using Noa.Stages.Classifier.Licenses;
using Noa.Stages.Classifier.Manifests;
using Noa.Stages.Classifier.Paths;
using Noa.Stages.Classifier.Scanning;
using Noa.Stages.Classifier.Scoping;

namespace Noa.Stages.Classifier;

/// <summary>
/// The classification without the stage around it (for the CLI and benchmarks): scans every file in
/// parallel, then reads manifests and licence files, and builds the profile. Deterministic: the same
/// files give byte-identical JSON.
/// </summary>
public sealed class SourceClassifier(ClassifierOptions options)
{
    /// <summary>A classifier with default options.</summary>
    public SourceClassifier() : this(new ClassifierOptions())
    {
    }

    /// <summary>Classifies every regular file under a folder.</summary>
    public Task<Classification> ClassifyDirectoryAsync(string root, CancellationToken cancellationToken = default) =>
        ClassifyAsync(ClassifierInput.FromDirectory(root), null, cancellationToken);

    /// <summary>Classifies the given files.</summary>
    public async Task<Classification> ClassifyAsync(IReadOnlyList<ClassifierInput> files, IProgress<StageProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var attributes = await LoadGitAttributesAsync(files, cancellationToken).ConfigureAwait(false);
        var scans = new FileScan[files.Count];
        var done = 0L;
        var reported = 0L;
        var order = new Lock();
        var step = Math.Max(1, files.Count / 100);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        await Parallel.ForAsync(0, files.Count, parallel, async (i, token) =>
        {
            var overrides = attributes.IsEmpty ? LinguistOverrides.None : attributes.For(files[i].Path);
            scans[i] = await FileScanner.ScanAsync(files[i], options.MaxBytesPerFile, overrides, token).ConfigureAwait(false);
            var n = Interlocked.Increment(ref done);
            if (progress is not null && (n % step == 0 || n == files.Count))
            {
                // Threads finish out of order: report under a lock and never go backwards, so the last report is n/n.
                lock (order)
                {
                    if (n > reported)
                    {
                        reported = n;
                        progress.Report(new StageProgress(n, files.Count, "files"));
                    }
                }
            }
        }).ConfigureAwait(false);

        // Everything after the scan reads files in ordinal path order, so evidence and licence lists
        // do not depend on the order the inputs came in.
        Array.Sort(scans, (a, b) => string.CompareOrdinal(a.Path, b.Path));
        var byPath = new Dictionary<string, ClassifierInput>(files.Count, StringComparer.Ordinal);
        foreach (var f in files)
        {
            byPath[f.Path] = f;
        }
        // Manifests are read by the manifest analysis, the apps and the licences: each once.
        var texts = new System.Collections.Concurrent.ConcurrentDictionary<string, Task<string?>>(StringComparer.Ordinal);
        Task<string?> Read(string path, CancellationToken token) => texts.GetOrAdd(path, p => ReadTextAsync(byPath, p, token));

        await TestProjects.ApplyAsync(scans, Read, cancellationToken).ConfigureAwait(false);
        var findings = new Findings(EvidenceScopes(scans));
        await ManifestAnalyzer.AnalyzeAsync(scans, Read, findings, cancellationToken).ConfigureAwait(false);
        foreach (var scan in scans)
        {
            // After the manifests: their declarations come first in each framework's evidence, the imports show where it is used.
            foreach (var (framework, detail) in scan.Imports ?? [])
            {
                findings.FrameworkOnly(framework, scan.Path, detail);
            }
        }
        var (apps, workspaces) = await AppDetector.DetectAsync(scans, findings, Read, cancellationToken).ConfigureAwait(false);
        findings.StopRecordingVotes();
        var goModule = scans.FirstOrDefault(s => s.Scope == FileScopes.Product && FileScanner.Basename(s.Path) == "go.mod")?.Path;
        var (best, services) = ServiceRanker.Rank(scans, findings, goModule);
        best = AppKinds.ServiceTypeOf(apps) ?? best;
        var declared = findings.Declared
            .OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Field, StringComparer.Ordinal).ThenBy(d => d.Value, StringComparer.Ordinal)
            .ToArray();
        var licenses = await LicenseAnalyzer.AnalyzeAsync(scans, declared, Read, cancellationToken).ConfigureAwait(false);

        var profile = new Profile
        {
            Data = new DataVersions(LanguageCatalog.Instance.Version, SpdxCatalog.Instance.Version),
            Languages = LanguageBreakdown(scans),
            Files = Count(scans),
            Scopes = CountScopes(scans),
            BuildSystems = findings.BuildSystems(),
            Frameworks = findings.Frameworks(),
            Elsewhere = findings.Elsewhere(),
            ServiceType = best,
            ServiceTypes = services,
            Apps = apps,
            Workspaces = workspaces,
            Licenses = licenses,
            Unread = findings.UnreadManifests(),
        };
        var entries = new FileEntry[scans.Length];
        for (var i = 0; i < scans.Length; i++)
        {
            var s = scans[i];
            entries[i] = new FileEntry(s.Path, s.Size, CategoryName(s.Category), s.Language?.Name, s.Scope);
        }
        return new Classification(profile, new FileList(FileList.CurrentVersion, entries));
    }

    private static async Task<GitAttributes> LoadGitAttributesAsync(IReadOnlyList<ClassifierInput> files, CancellationToken cancellationToken)
    {
        List<(string, string)>? found = null;
        foreach (var f in files)
        {
            if ((f.Path == ".gitattributes" || f.Path.EndsWith("/.gitattributes", StringComparison.Ordinal)) && f.Size <= ManifestAnalyzer.MaxManifestBytes)
            {
                await using var stream = await f.OpenAsync(cancellationToken).ConfigureAwait(false);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                (found ??= []).Add((f.Path, await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false)));
            }
        }
        return found is null ? GitAttributes.Empty : GitAttributes.Parse(found);
    }

    internal static IReadOnlyList<LanguageStat> LanguageBreakdown(IReadOnlyList<FileScan> scans)
    {
        var catalog = LanguageCatalog.Instance;
        var totals = new Dictionary<string, (string Type, int Files, long Bytes)>(StringComparer.Ordinal);
        long all = 0;
        foreach (var scan in scans)
        {
            if (scan.Category != FileCategory.Classified || scan.Language is not { } language)
            {
                continue;
            }
            // Linguist reports a language under its group (TSX as TypeScript).
            var group = catalog.Find(language.Group) ?? language;
            var t = totals.GetValueOrDefault(group.Name, (group.Type, 0, 0));
            totals[group.Name] = (t.Type, t.Files + 1, t.Bytes + scan.Size);
            all += scan.Size;
        }
        return totals
            .Select(p => new LanguageStat(p.Key, p.Value.Type, p.Value.Files, p.Value.Bytes, all == 0 ? 0 : Math.Round((double)p.Value.Bytes / all, 4)))
            .OrderByDescending(l => l.Bytes).ThenBy(l => l.Name, StringComparer.Ordinal)
            .ToArray();
    }

    private static FileCounts Count(FileScan[] scans)
    {
        Span<int> counts = stackalloc int[6];
        foreach (var s in scans)
        {
            counts[(int)s.Category]++;
        }
        return new FileCounts(scans.Length, counts[(int)FileCategory.Classified], counts[(int)FileCategory.Other],
            counts[(int)FileCategory.Vendored], counts[(int)FileCategory.Generated], counts[(int)FileCategory.Documentation],
            counts[(int)FileCategory.Binary]);
    }

    private static ScopeCounts CountScopes(FileScan[] scans)
    {
        var counts = scans.GroupBy(s => s.Scope, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        int N(string scope) => counts.GetValueOrDefault(scope);
        return new ScopeCounts(N(FileScopes.Product), N(FileScopes.Test), N(FileScopes.Fixture), N(FileScopes.Example), N(FileScopes.Benchmark),
            N(FileScopes.Documentation), N(FileScopes.Generated), N(FileScopes.Vendored));
    }

    // A lockfile is generated, but it speaks for the folder it sits in: its evidence counts in that folder's scope.
    private static Dictionary<string, string> EvidenceScopes(FileScan[] scans)
    {
        var map = new Dictionary<string, string>(scans.Length, StringComparer.Ordinal);
        foreach (var s in scans)
        {
            map[s.Path] = s.Scope == FileScopes.Generated ? ScopeRules.Decide(s.Path, false, false, null, false) : s.Scope;
        }
        return map;
    }

    private static string CategoryName(FileCategory category) => category switch
    {
        FileCategory.Classified => "classified",
        FileCategory.Other => "other",
        FileCategory.Vendored => "vendored",
        FileCategory.Documentation => "documentation",
        FileCategory.Generated => "generated",
        _ => "binary",
    };

    private static async Task<string?> ReadTextAsync(Dictionary<string, ClassifierInput> files, string path, CancellationToken cancellationToken)
    {
        if (!files.TryGetValue(path, out var input))
        {
            return null;
        }
        await using var stream = await input.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[Math.Min(ManifestAnalyzer.MaxManifestBytes, Math.Max(input.Size, 0) + 16)];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }
        return new string(buffer, 0, total);
    }
}
