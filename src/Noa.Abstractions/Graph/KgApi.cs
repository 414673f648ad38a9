namespace Noa.Abstractions.Graph;

/// <summary>A type an endpoint takes as its request body or answers with, as its handler or framework declares it.</summary>
/// <param name="Type">The type as written (<c>UserInCreate</c>, <c>ResponseEntity&lt;List&lt;Owner&gt;&gt;</c>, <c>Promise&lt;ArticleRO&gt;</c>).</param>
/// <param name="File">Where it is declared.</param>
/// <param name="Line">Its line.</param>
/// <param name="Schema">The id of the type node that defines its element type (<see cref="KgTypes.Element"/>) when the
/// graph resolved it; that node's <see cref="KgNode.Fields"/> say its shape.</param>
/// <param name="Name">For a body the framework reads as a member of a JSON object (FastAPI <c>Body(embed=True)</c>, or
/// several body parameters): the member's name.</param>
public sealed record KgTypeUse(string Type, string File, int Line, string? Schema = null, string? Name = null);

/// <summary>An authorisation requirement an endpoint's code declares.</summary>
/// <param name="Marker">What says so: <c>Depends</c>, <c>Security</c> (FastAPI), <c>PreAuthorize</c>, <c>Secured</c>,
/// <c>RolesAllowed</c> (Spring), <c>Authorize</c>, <c>RequireAuthorization</c> (ASP.NET), <c>UseGuards</c> (NestJS).</param>
/// <param name="Scheme">The scheme or guard as written (<c>reusable_oauth2</c>, <c>JwtAuthGuard</c>), when the code names one.</param>
/// <param name="Type">How credentials are sent, when the code shows it (a FastAPI security class): <c>oauth2</c>,
/// <c>bearer</c>, <c>basic</c>, <c>apiKey:header</c>, <c>apiKey:query</c>, <c>apiKey:cookie</c>, <c>openIdConnect</c>.</param>
/// <param name="Roles">Roles or scopes it requires, when written as literals.</param>
/// <param name="File">Where it is declared.</param>
/// <param name="Line">Its line.</param>
public sealed record KgSecurity(string Marker, string? Scheme, string? Type, List<string>? Roles, string File, int Line);

/// <summary>A field of a type that an endpoint's body or response names (its bases' fields included).</summary>
/// <param name="Name">The field's name in the source.</param>
/// <param name="Type">Its declared type as written, when there is one.</param>
/// <param name="Required">No default value and not nullable.</param>
/// <param name="Schema">The id of the type node defining its element type, when the graph resolved it.</param>
public sealed record KgField(string Name, string? Type, bool Required, string? Schema = null);

/// <summary>One reading of a declared type for every language the graph reads: the named element type inside
/// wrappers that do not change the JSON shape (tasks, promises, framework results, optionals) and whether it is a
/// list of them.</summary>
public static class KgTypes
{
    private static readonly string[] Transparent =
    [
        "Task", "ValueTask", "ActionResult", "ResponseEntity", "Promise", "Observable", "Optional", "Ok", "Created",
        "Mono", "HttpEntity", "Annotated", "Awaitable", "Nullable", "Result", "CreatedAtRoute", "Accepted",
    ];

    private static readonly string[] Lists =
    [
        "list", "List", "IEnumerable", "IList", "ICollection", "IReadOnlyList", "IReadOnlyCollection", "Array", "Sequence",
        "set", "Set", "HashSet", "Collection", "Iterable", "Flux", "ReadonlyArray", "tuple", "Tuple",
    ];

    /// <summary>The element type's name (without namespace or generic arguments) and whether the value is a list of it;
    /// null for a type that names no element (void, a union of several).</summary>
    public static (string Name, bool List)? Element(string? written)
    {
        var type = (written ?? "").Trim().TrimStart(':').Trim().Trim('"', '\''); // Python forward references: "Owner"
        var list = false;
        for (var depth = 0; depth < 8; depth++)
        {
            type = type.Trim().TrimEnd('?');
            if (type.EndsWith("[]", StringComparison.Ordinal))
            {
                list = true;
                type = type[..^2];
                continue;
            }
            if (type.EndsWith(" | None", StringComparison.Ordinal) || type.EndsWith("|None", StringComparison.Ordinal))
            {
                type = type[..type.LastIndexOf('|')];
                continue;
            }
            if (type.StartsWith("Results<", StringComparison.Ordinal) && type.EndsWith('>'))
            {
                // ASP.NET Results<Ok<T>, NotFound>: the Ok member's type.
                var ok = Arguments(type["Results<".Length..^1]).FirstOrDefault(a => a.StartsWith("Ok<", StringComparison.Ordinal));
                if (ok is null)
                    return null;
                type = ok;
                continue;
            }
            var open = type.IndexOfAny(['<', '[']);
            if (open > 0 && type[^1] is '>' or ']')
            {
                var outer = Simple(type[..open]);
                var args = Arguments(type[(open + 1)..^1]);
                if (Lists.Contains(outer) && args.Count >= 1)
                {
                    list = true;
                    type = args[0];
                    continue;
                }
                if (Transparent.Contains(outer) && args.Count >= 1)
                {
                    type = args[0];
                    continue;
                }
                if (outer is "Union" && args.Count == 2 && args[1] == "None")
                {
                    type = args[0];
                    continue;
                }
                return (outer, list); // Page<T> and other generics: the generic type itself
            }
            break;
        }
        var name = Simple(type);
        return name.Length == 0 || !name.All(c => char.IsLetterOrDigit(c) || c == '_') || name is "void" or "None" or "Void" or "Any" or "IActionResult" or "ActionResult" or "IResult" or "ResponseEntity" or "HttpEntity" or "Task" or "ValueTask" or "Promise" or "Observable" or "any" or "unknown"
            ? null
            : (name, list);
    }

    private static string Simple(string name)
    {
        var n = name.Trim();
        var dot = n.LastIndexOfAny(['.', ':']);
        return dot >= 0 ? n[(dot + 1)..] : n;
    }

    // Top-level comma-separated arguments of a generic, nesting respected.
    private static List<string> Arguments(string inner)
    {
        var list = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            switch (inner[i])
            {
                case '<' or '[' or '(':
                    depth++;
                    break;
                case '>' or ']' or ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    list.Add(inner[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }
        list.Add(inner[start..].Trim());
        return list;
    }
}
