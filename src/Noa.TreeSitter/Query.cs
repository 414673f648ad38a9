using System.Text;
using System.Text.RegularExpressions;

namespace Noa.TreeSitter;

/// <summary>A compiled tree-sitter query. Thread-safe to share; run it with a <see cref="QueryCursor"/> per thread.
/// The core does not evaluate text predicates, so this class does: <c>#eq?</c>, <c>#not-eq?</c>, <c>#match?</c>,
/// <c>#not-match?</c>, <c>#any-of?</c>, <c>#not-any-of?</c> (each with <c>any-</c> variants for quantified
/// captures); <c>#set! key value</c> becomes a pattern property; other directives (<c>…!</c>) are ignored.</summary>
public sealed unsafe class Query : IDisposable
{
    private nint _handle;
    private readonly Predicate[][] _predicates;
    private readonly Dictionary<string, string>[] _properties;

    /// <summary>Compiles <paramref name="source"/> for <paramref name="language"/>.</summary>
    /// <exception cref="QueryException">The query does not compile; the message names the line and the problem.</exception>
    public Query(Language language, string source)
    {
        Language = language;
        var bytes = Encoding.UTF8.GetBytes(source);
        uint offset, error;
        fixed (byte* p = bytes)
        {
            _handle = Native.ts_query_new(language.Handle, p, (uint)bytes.Length, out offset, out error);
        }
        if (_handle == 0)
        {
            var line = source.AsSpan(0, Math.Min((int)offset, source.Length)).Count('\n') + 1;
            string[] kinds = ["none", "syntax", "node type", "field", "capture", "structure", "language"];
            var near = source.AsSpan((int)Math.Min(offset, (uint)source.Length)).ToString();
            near = near.Length > 40 ? near[..40] : near;
            throw new QueryException($"{language.Name} query: {(error < kinds.Length ? kinds[error] : "unknown")} error at line {line}, near '{near.Trim()}'.");
        }
        CaptureNames = new string[Native.ts_query_capture_count(_handle)];
        for (uint i = 0; i < CaptureNames.Length; i++)
        {
            CaptureNames[i] = string.Intern(Native.Utf8(Native.ts_query_capture_name_for_id(_handle, i, out var len), len));
        }
        var patterns = (int)Native.ts_query_pattern_count(_handle);
        _predicates = new Predicate[patterns][];
        _properties = new Dictionary<string, string>[patterns];
        for (var i = 0; i < patterns; i++)
        {
            (_predicates[i], _properties[i]) = ReadPredicates((uint)i);
        }
    }

    /// <summary>The grammar.</summary>
    public Language Language { get; }

    /// <summary>Capture names by index.</summary>
    public string[] CaptureNames { get; }

    /// <summary>Number of patterns.</summary>
    public int PatternCount => _predicates.Length;

    /// <summary>True when every match of <paramref name="pattern"/> captures <paramref name="capture"/> (it is in every
    /// alternative, not optional); false when some match may lack it.</summary>
    public bool AlwaysCaptures(int pattern, string capture)
    {
        var id = Array.IndexOf(CaptureNames, capture);
        // TSQuantifier: Zero, ZeroOrOne, ZeroOrMore, One, OneOrMore.
        return id >= 0 && Native.ts_query_capture_quantifier_for_id(Handle, (uint)pattern, (uint)id) is 3 or 4;
    }

    internal nint Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle == 0, this);
            return _handle;
        }
    }

    /// <summary>The <c>#set!</c> properties of a pattern.</summary>
    public IReadOnlyDictionary<string, string> Properties(int pattern) => _properties[pattern];

    internal bool Satisfies(in TSQueryMatch match, Tree tree)
    {
        foreach (var predicate in _predicates[match.PatternIndex])
        {
            if (!predicate.Test(match, tree))
            {
                return false;
            }
        }
        return true;
    }

    private (Predicate[], Dictionary<string, string>) ReadPredicates(uint pattern)
    {
        var steps = Native.ts_query_predicates_for_pattern(_handle, pattern, out var count);
        var predicates = new List<Predicate>();
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        var args = new List<(bool Capture, uint Id, string Text)>();
        for (var i = 0; i < count; i++)
        {
            var step = steps[i];
            if (step.Type != 0)
            {
                var text = step.Type == 2 ? Native.Utf8(Native.ts_query_string_value_for_id(_handle, step.ValueId, out var len), len) : "";
                args.Add((step.Type == 1, step.ValueId, text));
                continue;
            }
            if (args.Count > 0)
            {
                var name = args[0].Text;
                var rest = args.Skip(1).ToArray();
                if (name == "set!" && rest.Length >= 1)
                {
                    properties[rest[0].Text] = rest.Length > 1 ? rest[1].Text : "";
                }
                else if (!name.EndsWith('!'))
                {
                    predicates.Add(Predicate.Create(name, rest, Language.Name));
                }
            }
            args.Clear();
        }
        return (predicates.ToArray(), properties);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_handle != 0)
        {
            Native.ts_query_delete(_handle);
            _handle = 0;
        }
    }

    private sealed class Predicate
    {
        private readonly uint _capture;
        private readonly bool _negate;
        private readonly bool _any; // any-… variants: one captured node suffices
        private readonly Func<string, bool> _test;

        private Predicate(uint capture, bool negate, bool any, Func<string, bool> test)
        {
            _capture = capture;
            _negate = negate;
            _any = any;
            _test = test;
        }

        public static Predicate Create(string name, (bool Capture, uint Id, string Text)[] args, string language)
        {
            var op = name.TrimEnd('?');
            var any = op.StartsWith("any-", StringComparison.Ordinal) && op != "any-of";
            if (any)
            {
                op = op[4..];
            }
            var negate = op.StartsWith("not-", StringComparison.Ordinal);
            if (negate)
            {
                op = op[4..];
            }
            if (args.Length == 0 || !args[0].Capture)
            {
                throw new QueryException($"{language} query: #{name} needs a capture as its first argument.");
            }
            var capture = args[0].Id;
            Func<string, bool> test = op switch
            {
                "eq" when args.Length == 2 && !args[1].Capture => text => text == args[1].Text,
                "match" when args.Length == 2 && !args[1].Capture =>
                    new Regex(args[1].Text, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)).IsMatch,
                "any-of" => args.Skip(1).Select(a => a.Text).ToHashSet(StringComparer.Ordinal).Contains,
                _ => throw new QueryException($"{language} query: predicate #{name} with these arguments is not supported (supported: eq?, match?, any-of?, their not- forms, and eq?/match? with any-)."),
            };
            return new Predicate(capture, negate, any, test);
        }

        public unsafe bool Test(in TSQueryMatch match, Tree tree)
        {
            var seen = false;
            for (var i = 0; i < match.CaptureCount; i++)
            {
                var capture = match.Captures[i];
                if (capture.Index != _capture)
                {
                    continue;
                }
                seen = true;
                var node = new Node(capture.Node, tree);
                var ok = _test(node.Text) != _negate;
                if (_any && ok)
                {
                    return true;
                }
                if (!_any && !ok)
                {
                    return false;
                }
            }
            return !_any || !seen;
        }
    }
}

/// <summary>A query that does not compile or uses an unsupported predicate.</summary>
public sealed class QueryException(string message) : Exception(message);
