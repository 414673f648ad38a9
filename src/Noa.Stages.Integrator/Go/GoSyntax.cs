using System.Globalization;
using System.Text;
using Noa.Stages.Integrator.Naming;

namespace Noa.Stages.Integrator.Go;

/// <summary>Go's reserved words, identifier case and literal forms: how anything from a spec becomes a safe name, string or comment.</summary>
internal static class GoSyntax
{
    public static readonly IReadOnlySet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func", "go", "goto",
        "if", "import", "interface", "map", "package", "range", "return", "select", "struct", "switch", "type", "var",
    };

    /// <summary>Predeclared identifiers and the imports generated code uses: a parameter or local named so would shadow them.</summary>
    public static readonly IReadOnlySet<string> Locals = new HashSet<string>(Keywords, StringComparer.Ordinal)
    {
        "any", "bool", "byte", "comparable", "complex64", "complex128", "error", "float32", "float64", "int", "int8", "int16",
        "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "true", "false", "iota",
        "nil", "append", "cap", "close", "complex", "copy", "delete", "imag", "len", "make", "new", "panic", "print", "println",
        "real", "recover", "ctx", "c", "context", "json", "io", "time", "http", "url", "fmt", "errors", "resp", "cancel", "err",
        "out", "params", "body", "page", "items", "more", "req", "p", "next", "v", "q", "kind", "u", "data", "zero",
        "request", "param", "securityScheme", "securitySchemes", "userAgent", "decodeJSON", "readAll", "newEventStream",
        "newJSONStream", "newPager", "discriminator", "unmarshalStrict", "format", "addQuery", "encodeBody", "encodeMultipart",
        "retryAfter", "newProblemError", "newTraceparent", "escapeQuotes", "traceparentKey",
    };

    /// <summary>The exported names the runtime declares in the package: no schema, enum value or parameter struct may take them.</summary>
    public static readonly IReadOnlySet<string> RuntimeNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "ProblemError", "RetryPolicy", "DefaultRetryPolicy", "Hooks", "Tracer", "ContextWithTraceparent", "TraceparentFromContext",
        "Credential", "BearerToken", "APIKey", "BasicAuth", "ClientCredentials", "Option", "WithHTTPClient", "WithTimeout",
        "WithRetry", "WithHooks", "WithTracer", "WithCredential", "WithBearerToken", "WithAPIKey", "WithBasicAuth",
        "WithClientCredentials", "WithUserAgent", "Client", "NewClient", "Date", "ServerSentEvent", "EventStream", "JSONStream",
        "Pager", "DefaultBaseURL",
    };

    /// <summary>Method names <c>go vet</c> (stdmethods) and the standard library expect a fixed signature of: no operation takes them.</summary>
    public static readonly IReadOnlySet<string> StandardMethods = new HashSet<string>(StringComparer.Ordinal)
    {
        "As", "Error", "Format", "GobDecode", "GobEncode", "Is", "MarshalJSON", "MarshalText", "MarshalXML", "Peek", "ReadByte",
        "ReadFrom", "ReadRune", "Scan", "Seek", "String", "UnmarshalJSON", "UnmarshalText", "UnmarshalXML", "UnreadByte",
        "UnreadRune", "Unwrap", "WriteByte", "WriteTo",
    };

    // golint's list: Go spells these words in one case (UserID, not UserId).
    private static readonly HashSet<string> Initialisms = new(StringComparer.Ordinal)
    {
        "acl", "api", "ascii", "cpu", "css", "dns", "eof", "guid", "html", "http", "https", "id", "ip", "json", "lhs", "qps", "ram",
        "rhs", "rpc", "sla", "smtp", "sql", "ssh", "tcp", "tls", "ttl", "udp", "ui", "uid", "uuid", "uri", "url", "utf8", "vm",
        "xml", "xmpp", "xsrf", "xss",
    };

    /// <summary>An exported identifier's words (<c>pet-id</c> → <c>PetID</c>); empty when the text has no ASCII letters or digits.</summary>
    public static string Exported(string text) =>
        string.Concat(NameWords.Split(text).Select(w => Initialisms.Contains(w) ? w.ToUpperInvariant() : char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>An unexported identifier's words (<c>pet-id</c> → <c>petID</c>).</summary>
    public static string Unexported(string text)
    {
        var words = NameWords.Split(text);
        if (words.Count == 0)
            return "";
        var first = words[0];
        return first + string.Concat(words.Skip(1).Select(w => Initialisms.Contains(w) ? w.ToUpperInvariant() : char.ToUpperInvariant(w[0]) + w[1..]));
    }

    /// <summary>A double-quoted Go string literal: everything outside printable ASCII, quotes and backslashes escaped, so
    /// nothing from a spec can end the literal or put invalid UTF-8 in the source.</summary>
    public static string String(string value)
    {
        var b = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"' || c == '\\')
                b.Append('\\').Append(c);
            else if (c >= 0x20 && c < 0x7f)
                b.Append(c);
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                b.Append(CultureInfo.InvariantCulture, $"\\U{char.ConvertToUtf32(c, value[++i]):x8}");
            else if (char.IsSurrogate(c))
                b.Append("\\ufffd");
            else
                b.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
        }
        return b.Append('"').ToString();
    }

    /// <summary>Line comments: every line starts with <c>//</c>, control and format characters dropped, so no text can end
    /// the comment (only a newline can) or hide code behind a bidi override.</summary>
    public static IEnumerable<string> Comment(string? text, string indent = "")
    {
        if (string.IsNullOrWhiteSpace(text))
            yield break;
        var clean = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (c == '\n' || c == '\u2028' || c == '\u2029')
                clean.Append('\n');
            else if (category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate))
                clean.Append(c);
        }
        foreach (var line in clean.ToString().Trim().Split('\n'))
            yield return (indent + "// " + line.TrimEnd()).TrimEnd();
    }

    /// <summary>Whether encoding/json can carry this name in a struct tag (its rule: letters, digits and a few punctuation
    /// marks); other names cannot be a field's wire name.</summary>
    public static bool IsTagName(string name) =>
        name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || "!#$%&()*+-./:;<=>?@[]^_{|}~ ".Contains(c, StringComparison.Ordinal));
}
