namespace Noa.Stages.Classifier.Languages;

/// <summary>The named patterns of heuristics.yml that several rules share.</summary>
internal static class HeuristicPatterns
{
    public static readonly string[] Cpp =
    [
        @"^\s*#\s*include <(cstdint|string|vector|map|list|array|bitset|queue|stack|forward_list|unordered_map|unordered_set|(i|o|io)stream)>",
        @"^\s*template\s*<",
        @"^[ \t]*(try|constexpr)",
        @"^[ \t]*catch\s*\(",
        @"^[ \t]*(class|(using[ \t]+)?namespace)\s+\w+",
        @"^[ \t]*(private|public|protected):$",
        @"__has_cpp_attribute|__cplusplus >",
        @"std::\w+",
    ];

    public const string ObjectiveC =
        @"^\s*(@(interface|class|protocol|property|end|synchronised|selector|implementation)\b|#import\s+.+\.h["">])";

    public static readonly string[] Perl =
    [
        @"\buse\s+(?:strict\b|v?5\b)",
        @"^\s*use\s+(?:constant|overload)\b",
        @"^\s*(?:\*|(?:our\s*)?@)EXPORT\s*=",
        @"^\s*package\s+[^\W\d]\w*(?:::\w+)*\s*(?:[;{]|\sv?\d)",
        @"[\s$][^\W\d]\w*(?::\w+)*->[a-zA-Z_\[({]",
    ];

    public const string Raku = @"^\s*(?:use\s+v6\b|\bmodule\b|\b(?:my\s+)?class\b)";

    public const string Fortran = @"^(?i:[c*][^abd-z]|      (subroutine|program|end|data)\s|\s*!)";

    public const string Json = @"\A\s*[{\[]";

    public const string KeyEqualsValue = @"^[^#!;][^=]*=";

    public static readonly string[] M68k =
    [
        @"(?im)\bmoveq(?:\.l)?\s+#(?:\$-?[0-9a-f]{1,3}|%[0-1]{1,8}|-?[0-9]{1,3}),\s*d[0-7]\b",
        @"(?im)^\s*move(?:\.[bwl])?\s+(?:sr|usp),\s*[^\s]+",
        @"(?im)^\s*move\.[bwl]\s+.*\b[ad]\d",
        @"(?im)^\s*movem\.[bwl]\b",
        @"(?im)^\s*move[mp](?:\.[wl])?\b",
        @"(?im)^\s*btst\b",
        @"(?im)^\s*dbra\b",
    ];

    public const string VbClass = @"^[ ]*VERSION [0-9]\.[0-9] CLASS";
}
