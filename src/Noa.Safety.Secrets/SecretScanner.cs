using System.Collections.Concurrent;
using System.Text;
using Noa.Safety.Secrets.Rules;
using Noa.Safety.Secrets.Scanning;

namespace Noa.Safety.Secrets;

/// <summary>
/// Finds secrets in files with Gitleaks-format rules (the default pack, or a user config). Thread-safe;
/// build once and reuse: compiling the rules is the expensive part.
/// </summary>
public sealed class SecretScanner
{
    private readonly RuleSet _rules;
    private readonly ContentScanner _content;
    private readonly SecretScanOptions _options;
    private readonly IReadOnlySet<string> _baseline;

    private SecretScanner(SecretScanOptions options, RuleSet rules, IReadOnlySet<string> baseline)
    {
        _options = options;
        _rules = rules;
        _content = new ContentScanner(rules);
        _baseline = baseline;
    }

    /// <summary>Rules or config parts that could not be used; every other rule runs.</summary>
    public IReadOnlyList<RuleError> RuleErrors => _rules.Errors;

    /// <summary>Ids of the rules that run.</summary>
    public IReadOnlyList<string> RuleIds => _rules.Rules.Select(r => r.Rule.Id).ToArray();

    /// <summary>Builds a scanner: reads the config (or the default pack) and the baseline, compiles the rules.</summary>
    public static SecretScanner Create(SecretScanOptions options)
    {
        var errors = new List<RuleError>();
        SecretRuleConfig? config = null;
        var toml = options.ConfigPath is not null ? File.ReadAllText(options.ConfigPath) : options.ConfigToml;
        if (toml is not null)
        {
            var (parsed, parseErrors) = GitleaksConfigReader.Parse(toml);
            errors.AddRange(parseErrors.Select(e => new RuleError("config", e)));
            config = parsed;
        }
        var directory = options.ConfigPath is null ? null : Path.GetDirectoryName(Path.GetFullPath(options.ConfigPath));
        var rules = RuleSet.Build(config, directory, options.RegexTimeout);
        rules.Errors.InsertRange(0, errors);
        var baseline = options.BaselinePath is null ? new HashSet<string>() : Baseline.Load(options.BaselinePath);
        return new SecretScanner(options, rules, baseline);
    }

    /// <summary>Scans the given files (path relative to the source root, and how to open it), in parallel.</summary>
    public async Task<SecretScanResult> ScanAsync(IReadOnlyList<(string Path, Func<CancellationToken, Task<Stream>> Open)> files, CancellationToken cancellationToken = default)
    {
        var findings = new ConcurrentBag<SecretFinding>();
        var skipped = new ConcurrentBag<SkippedFile>();
        long bytes = 0;
        var scanned = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxParallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(files, parallel, async (file, ct) =>
        {
            var path = file.Path.Replace('\\', '/');
            if (_rules.Global.Any(a => a.AllowsPath(path)))
            {
                skipped.Add(new SkippedFile(path, SkipReason.AllowlistedPath, "global allowlist"));
                return;
            }
            var local = new List<SecretFinding>();
            var localSkips = new List<SkippedFile>();
            var read = await ReadAsync(path, file.Open, local, localSkips, ct);
            // Windows overlap: a secret in the shared part is found twice, at the same line.
            local.DistinctBy(f => (f.RuleId, f.Line, f.ContentFingerprint)).ToList().ForEach(findings.Add);
            localSkips.ForEach(skipped.Add);
            if (read is null) { return; }
            Interlocked.Add(ref bytes, read.Value);
            Interlocked.Increment(ref scanned);
        });
        return Result(findings, skipped, scanned, bytes);
    }

    /// <summary>Scans every file under <paramref name="root"/> (not <c>.git</c>); paths in findings are relative to it.</summary>
    public Task<SecretScanResult> ScanDirectoryAsync(string root, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(root);
        var files = new DirectoryInfo(full).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Where(f => !f.FullName.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(full, f.FullName).Replace('\\', '/'), (Func<CancellationToken, Task<Stream>>)(_ => Task.FromResult<Stream>(f.OpenRead()))))
            .ToList();
        return ScanAsync(files, cancellationToken);
    }

    /// <summary>Scans the lines every commit added (<c>git log -p</c> over all refs); findings carry the commit.</summary>
    public async Task<SecretScanResult> ScanGitHistoryAsync(string repository, CancellationToken cancellationToken = default)
    {
        var findings = new ConcurrentBag<SecretFinding>();
        var skipped = new ConcurrentBag<SkippedFile>();
        long bytes = 0;
        var patches = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxParallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(GitPatchReader.ReadAsync(repository, cancellationToken), parallel, (patch, ct) =>
        {
            var local = new List<SecretFinding>();
            var localSkips = new List<SkippedFile>();
            _content.Scan(patch.Path, patch.Text, patch.Commit, l => patch.Lines[l - 1], local, localSkips);
            local.ForEach(findings.Add);
            localSkips.ForEach(skipped.Add);
            Interlocked.Add(ref bytes, patch.Text.Length);
            Interlocked.Increment(ref patches);
            return ValueTask.CompletedTask;
        });
        return Result(findings, skipped, patches, bytes);
    }

    // The bytes read, or null when the file was skipped (the reason is in skipped).
    private async Task<long?> ReadAsync(string path, Func<CancellationToken, Task<Stream>> open, List<SecretFinding> findings, List<SkippedFile> skipped,
        CancellationToken ct)
    {
        try
        {
            await using var stream = await open(ct);
            if (stream.CanSeek && stream.Length > _options.MaxFileBytes)
            {
                skipped.Add(new SkippedFile(path, SkipReason.TooLarge, $"{stream.Length} bytes > {_options.MaxFileBytes}"));
                return null;
            }
            var outcome = await FileText.ReadAsync(stream, _options.MaxFileBytes,
                (text, lineBase, first) => _content.Scan(path, text, null, lineBase == 0 ? null : l => l + lineBase, findings, skipped, pathRules: first), ct);
            if (outcome.Skip is { } reason)
            {
                // What a file cut short showed before its limit is kept; the file is still listed as not fully scanned.
                skipped.Add(new SkippedFile(path, reason, reason == SkipReason.TooLarge ? $"{outcome.Detail}: only the first {_options.MaxFileBytes:N0} scanned" : outcome.Detail!));
                return null;
            }
            return outcome.Bytes;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            skipped.Add(new SkippedFile(path, SkipReason.Unreadable, ex.Message));
            return null;
        }
    }

    private SecretScanResult Result(IEnumerable<SecretFinding> all, IEnumerable<SkippedFile> skipped, int scanned, long bytes)
    {
        var kept = new List<SecretFinding>();
        var suppressed = 0;
        foreach (var f in all)
        {
            if (Baseline.Suppresses(_baseline, f)) { suppressed++; } else { kept.Add(f); }
        }
        return new SecretScanResult(SecretFindings.Order(kept), skipped.OrderBy(s => s.Path, StringComparer.Ordinal).ToArray(),
            _rules.Errors, suppressed, scanned, bytes);
    }
}
