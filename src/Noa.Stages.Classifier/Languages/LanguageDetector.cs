namespace Noa.Stages.Classifier.Languages;

/// <summary>
/// Linguist's strategy chain: modeline, filename, shebang, extension, XML, (our) folder hints, heuristics. Each strategy
/// narrows the candidates of the previous ones; the first that leaves exactly one decides. Where
/// linguist would ask its Bayesian classifier, this picks the candidate whose primary extension the
/// file has (the language the extension belongs to first), else the first candidate.
/// </summary>
internal static class LanguageDetector
{
    private static readonly string[] Common =
    [
        "JavaScript", "TypeScript", "Python", "Java", "Go", "Rust", "C", "C++", "C#", "Objective-C", "PHP", "Ruby", "Perl",
        "Shell", "Markdown", "SQL", "XML", "JSON", "YAML", "HTML", "CSS", "MATLAB", "R", "Scala", "Kotlin", "Swift",
        "Pascal", "Fortran", "Assembly", "Verilog", "Prolog", "Common Lisp", "F#", "Erlang", "Elixir", "OCaml", "TeX",
    ];

    /// <param name="fileName">Base name of the file.</param>
    /// <param name="head">The decoded first bytes of the file.</param>
    /// <param name="complete">Whether <paramref name="head"/> is the whole file (modelines may sit in the last lines).</param>
    /// <param name="more">Gives a longer head when heuristics need more than <paramref name="head"/>; may return the same.</param>
    /// <param name="path">The file's '/'-separated path in the tree, for <see cref="FolderHints"/>.</param>
    public static Language? Detect(string fileName, string head, bool complete, Func<string>? more = null, string? path = null)
    {
        var catalog = LanguageCatalog.Instance;
        var byModeline = ModelineDetector.Detect(ModelineScope(head, complete), catalog);
        if (byModeline is not null)
        {
            return byModeline;
        }

        Language[] candidates = [];
        if (catalog.ByFilename.TryGetValue(fileName, out var byName))
        {
            if (byName.Length == 1)
            {
                return byName[0];
            }
            candidates = byName;
        }

        var byShebang = ShebangDetector.Detect(head, catalog);
        if (byShebang is not null && Narrow(ref candidates, byShebang))
        {
            return candidates[0];
        }

        var lower = fileName.ToLowerInvariant();
        var byExtension = catalog.FindByExtension(lower);
        if (byExtension is not null && Narrow(ref candidates, byExtension))
        {
            return candidates[0];
        }

        if (candidates.Length == 0 && LooksLikeXml(head))
        {
            return catalog.Find("XML");
        }

        if (path is not null && FolderHints.For(path, lower) is { } hint && Array.Find(candidates, c => c.Name == hint) is { } hinted)
        {
            return hinted;
        }

        var rules = Heuristics.For(lower);
        if (rules is not null)
        {
            var content = more is null ? head : more();
            var names = Heuristics.Apply(rules, content.Length > Heuristics.ConsiderBytes ? content[..Heuristics.ConsiderBytes] : content);
            if (names is not null)
            {
                if (names.Length == 1 && catalog.Find(names[0]) is { } decided)
                {
                    return decided;
                }
                var narrowed = new List<Language>();
                foreach (var n in names)
                {
                    if (catalog.Find(n) is { } l)
                    {
                        narrowed.Add(l);
                    }
                }
                if (narrowed.Count > 0)
                {
                    candidates = [.. narrowed];
                }
            }
        }

        return Fallback(candidates, lower);
    }

    // Returns true when exactly one candidate is left; keeps the narrowed set otherwise.
    private static bool Narrow(ref Language[] candidates, Language[] found)
    {
        Language[] next;
        if (candidates.Length == 0)
        {
            next = found;
        }
        else
        {
            var both = new List<Language>(candidates.Length);
            foreach (var c in candidates)
            {
                if (Array.IndexOf(found, c) >= 0)
                {
                    both.Add(c);
                }
            }
            next = [.. both];
        }
        if (next.Length > 0)
        {
            candidates = next;
        }
        return next.Length == 1;
    }

    private static Language? Fallback(Language[] candidates, string lowerName)
    {
        if (candidates.Length == 0)
        {
            return null;
        }
        // Where linguist's Bayesian classifier would weigh tokens, the language most files of the
        // extension are written in is the better bet (Rust over RenderScript for .rs).
        foreach (var name in Common)
        {
            foreach (var c in candidates)
            {
                if (c.Name == name)
                {
                    return c;
                }
            }
        }
        foreach (var c in candidates)
        {
            if (c.PrimaryExtension is { } ext && lowerName.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            {
                return c;
            }
        }
        return candidates[0];
    }

    private static bool LooksLikeXml(string head)
    {
        var span = head.AsSpan().TrimStart();
        return span.StartsWith("<?xml", StringComparison.Ordinal);
    }

    /// <summary>The first five and, for whole files, last five lines, where modelines live.</summary>
    internal static string ModelineScope(string head, bool complete)
    {
        var firstEnd = NthNewline(head, 5);
        if (!complete || firstEnd >= head.Length)
        {
            return firstEnd >= head.Length ? head : head[..firstEnd];
        }
        var lastStart = head.Length;
        var trimmed = head.AsSpan().TrimEnd("\r\n");
        lastStart = trimmed.Length;
        for (var lines = 0; lastStart > 0 && lines < 5; lines++)
        {
            var nl = trimmed[..lastStart].LastIndexOf('\n');
            lastStart = nl < 0 ? 0 : nl;
        }
        return lastStart <= firstEnd ? head : string.Concat(head.AsSpan(0, firstEnd), "\n", head.AsSpan(lastStart));
    }

    private static int NthNewline(string text, int n)
    {
        var index = -1;
        for (var i = 0; i < n; i++)
        {
            index = text.IndexOf('\n', index + 1);
            if (index < 0)
            {
                return text.Length;
            }
        }
        return index;
    }
}
