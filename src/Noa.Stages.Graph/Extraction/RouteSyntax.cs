using Noa.TreeSitter;

namespace Noa.Stages.Graph.Extraction;

/// <summary>
/// The few syntax shapes route composition reads around a registration, per grammar: calls and their parts, member
/// accesses, function parameters, what a value is assigned to or returned from. Node kinds and fields are the
/// grammars' (see their node-types.json).
/// </summary>
internal static class RouteSyntax
{
    public static bool IsCall(Node n) => n.Kind is "call" or "call_expression" or "invocation_expression" or "method_invocation";

    /// <summary>The called expression: a name, a member access, a scoped path.</summary>
    public static Node Callee(Node call) => call.Kind == "method_invocation" ? call.Field("name") : call.Field("function");

    /// <summary>For <c>a.m(…)</c>: <c>a</c> (null node when the callee has no receiver).</summary>
    public static Node CallReceiver(Node call)
    {
        if (call.Kind == "method_invocation")
        {
            return call.Field("object");
        }
        var callee = call.Field("function");
        return IsMember(callee) ? MemberObject(callee) : default;
    }

    /// <summary>The method name of <c>a.m(…)</c> or the function name of <c>f(…)</c>.</summary>
    public static string? CallName(Node call)
    {
        var callee = Callee(call);
        if (callee.IsNull)
        {
            return null;
        }
        if (IsMember(callee))
        {
            return MemberName(callee);
        }
        if (callee.Kind == "scoped_identifier")
        {
            return callee.Field("name").Text;
        }
        return callee.Kind is "identifier" or "generic_name" ? callee.Text : null;
    }

    public static bool IsMember(Node n) => n.Kind is "attribute" or "member_expression" or "selector_expression" or "field_expression"
        or "member_access_expression" or "field_access";

    public static Node MemberObject(Node member) => member.Kind switch
    {
        "attribute" or "member_expression" or "field_access" => member.Field("object"),
        "selector_expression" => member.Field("operand"),
        "field_expression" => member.Field("value"),
        _ => member.Field("expression"),
    };

    public static string? MemberName(Node member)
    {
        var name = member.Kind switch
        {
            "attribute" => member.Field("attribute"),
            "member_expression" => member.Field("property"),
            "selector_expression" or "field_expression" => member.Field("field"),
            "field_access" => member.Field("field"),
            _ => member.Field("name"),
        };
        return name.IsNull ? null : name.Text;
    }

    /// <summary>A call's positional arguments (keyword arguments left out), unwrapped from C#'s argument nodes.</summary>
    public static List<Node> Arguments(Node call)
    {
        var list = new List<Node>();
        var args = call.Field("arguments");
        if (args.IsNull)
        {
            return list;
        }
        foreach (var a in args.NamedChildren())
        {
            if (a.Kind is "keyword_argument" or "comment" or "line_comment" or "block_comment")
            {
                continue;
            }
            list.Add(a.Kind == "argument" && a.NamedChildCount > 0 ? a.NamedChild(a.NamedChildCount - 1) : a);
        }
        return list;
    }

    /// <summary>Python <c>name=value</c>, or a property of an object literal among the arguments (<c>{ prefix: '/v1' }</c>).</summary>
    public static Node KeywordArgument(Node call, string name)
    {
        var args = call.Field("arguments");
        if (args.IsNull)
        {
            return default;
        }
        foreach (var a in args.NamedChildren())
        {
            if (a.Kind == "keyword_argument" && a.Field("name").Text == name)
            {
                return a.Field("value");
            }
            if (a.Kind == "object" && ObjectProperty(a, name) is { IsNull: false } value)
            {
                return value;
            }
            if (a.Kind == "argument" && a.Field("name") is { IsNull: false } n && n.Text == name)
            {
                return a.NamedChild(a.NamedChildCount - 1);
            }
        }
        return default;
    }

    /// <summary>The value of <c>name: value</c> in a JavaScript object literal.</summary>
    public static Node ObjectProperty(Node obj, string name)
    {
        foreach (var pair in obj.NamedChildren())
        {
            if (pair.Kind == "pair" && Literals.Unquote(pair.Field("key").Text) == name)
            {
                return pair.Field("value");
            }
        }
        return default;
    }

    /// <summary>Wrappers that do not change which object an expression is: parentheses, await, Rust's <c>?</c> and
    /// <c>&amp;</c>, TypeScript's <c>x!</c> and <c>as</c>.</summary>
    public static Node Unwrap(Node n)
    {
        while (!n.IsNull && n.Kind is "parenthesized_expression" or "await_expression" or "await" or "try_expression"
               or "reference_expression" or "non_null_expression" or "as_expression" or "unary_expression" && n.NamedChildCount > 0)
        {
            if (n.Kind == "unary_expression" && !n.Text.StartsWith('&'))
            {
                break;
            }
            n = n.NamedChild(0);
        }
        return n;
    }

    public static bool IsFunction(Node n) => n.Kind is "function_definition" or "lambda" or "function_declaration" or "function_expression"
        or "arrow_function" or "method_definition" or "generator_function_declaration" or "generator_function" or "func_literal"
        or "method_declaration" or "function_item" or "closure_expression" or "local_function_statement" or "lambda_expression"
        or "anonymous_method_expression" or "constructor_declaration";

    public static bool IsAnonymousFunction(Node n) => n.Kind is "lambda" or "function_expression" or "arrow_function" or "func_literal"
        or "closure_expression" or "lambda_expression" or "anonymous_method_expression" or "generator_function";

    /// <summary>A function's parameters in order, with their nodes (the receiver of Go methods, Rust's self and
    /// Python's self/cls left out).</summary>
    public static List<(string Name, Node Node)> Parameters(Node fn)
    {
        var list = new List<(string, Node)>();
        var ps = fn.Kind == "arrow_function" && fn.Field("parameter") is { IsNull: false } single ? single : fn.Field("parameters");
        if (ps.IsNull)
        {
            return list;
        }
        if (ps.Kind is "identifier" or "implicit_parameter")
        {
            list.Add((ps.Text, ps));
            return list;
        }
        foreach (var p in ps.NamedChildren())
        {
            switch (p.Kind)
            {
                case "identifier":
                    list.Add((p.Text, p));
                    break;
                case "typed_parameter":
                    if (p.NamedChildCount > 0 && p.NamedChild(0).Kind == "identifier")
                    {
                        list.Add((p.NamedChild(0).Text, p));
                    }
                    break;
                case "default_parameter" or "typed_default_parameter" or "parameter" or "formal_parameter":
                    var name = p.Field("name");
                    if (name.IsNull)
                    {
                        name = p.Field("pattern");
                    }
                    if (!name.IsNull && name.Kind is "identifier")
                    {
                        list.Add((name.Text, p));
                    }
                    break;
                case "required_parameter" or "optional_parameter":
                    var pattern = p.Field("pattern");
                    if (!pattern.IsNull && pattern.Kind == "identifier")
                    {
                        list.Add((pattern.Text, p));
                    }
                    break;
                case "assignment_pattern":
                    if (p.Field("left") is { IsNull: false, Kind: "identifier" } left)
                    {
                        list.Add((left.Text, p));
                    }
                    break;
                case "parameter_declaration":
                    var type = p.Field("type");
                    foreach (var c in p.NamedChildren())
                    {
                        if (c.Kind == "identifier" && c != type)
                        {
                            list.Add((c.Text, p));
                        }
                    }
                    break;
            }
        }
        if (fn.Kind == "function_definition" && list.Count > 0 && list[0].Item1 is "self" or "cls")
        {
            list.RemoveAt(0);
        }
        return list;
    }

    /// <summary>A C# extension method: its first parameter is the receiver of calls written <c>x.M()</c>.</summary>
    public static bool IsExtension(Node fn)
    {
        var ps = fn.Field("parameters");
        if (ps.IsNull || ps.NamedChildCount == 0)
        {
            return false;
        }
        var first = ps.NamedChild(0);
        return first.Kind == "parameter" && first.NamedChildren().Any(c => c.Kind == "modifier" && c.Text == "this");
    }

    /// <summary>The name a value is assigned to (<c>x = v</c>, <c>const x = v</c>, <c>x := v</c>, <c>let x = v</c>,
    /// <c>var x = v</c>), as a reference (a name or <c>this.x</c>), or null.</summary>
    public static string? AssignedTo(Node value)
    {
        var parent = value.Parent;
        switch (parent.Kind)
        {
            case "assignment" or "assignment_expression" when parent.Field("right") == value:
                return Target(parent.Field("left"));
            case "variable_declarator" when parent.Field("value") == value || (parent.Field("value").IsNull && parent.NamedChildCount > 1 && parent.NamedChild(parent.NamedChildCount - 1) == value):
                return Target(parent.Field("name"));
            case "let_declaration" when parent.Field("value") == value:
                return Target(parent.Field("pattern"));
            case "expression_list":
                // Go: `a, b := x, y` and `var a = x`: the name at the same position.
                var holder = parent.Parent;
                var index = parent.NamedChildren().ToList().IndexOf(value);
                if (holder.Kind is "short_var_declaration" or "assignment_statement" && holder.Field("right") == parent)
                {
                    var left = holder.Field("left").NamedChildren().ToList();
                    return index >= 0 && index < left.Count ? Target(left[index]) : null;
                }
                if (holder.Kind == "var_spec")
                {
                    var names = holder.NamedChildren().Where(c => c.Kind == "identifier").ToList();
                    return index >= 0 && index < names.Count ? names[index].Text : null;
                }
                return null;
            default:
                return null;
        }
    }

    private static string? Target(Node left)
    {
        if (left.IsNull)
        {
            return null;
        }
        if (left.Kind == "identifier")
        {
            return left.Text;
        }
        if (IsMember(left) && MemberObject(left) is { IsNull: false } obj && obj.Kind is "this" or "self" or "identifier")
        {
            return obj.Text is "this" or "self" ? $"this.{MemberName(left)}" : $"{obj.Text}.{MemberName(left)}";
        }
        return null;
    }

    /// <summary>True when the value is what its function returns: a return statement's value, Rust's tail expression,
    /// an arrow function's or C# expression-bodied member's expression.</summary>
    public static bool IsReturned(Node value)
    {
        var parent = value.Parent;
        if (parent.Kind is "return_statement" or "return_expression" or "arrow_expression_clause")
        {
            return true;
        }
        if (parent.Kind == "expression_list" && parent.Parent.Kind == "return_statement")
        {
            return true;
        }
        if (parent.Kind == "arrow_function" && parent.Field("body") == value)
        {
            return true;
        }
        // Rust: the block's last expression, without a semicolon, is its value; the function's when the block is its body.
        return parent.Kind == "block" && parent.NamedChild(parent.NamedChildCount - 1) == value && parent.Parent.Kind == "function_item"
            && value.Kind != "expression_statement";
    }

    /// <summary>True for <c>export default v</c> and <c>module.exports = v</c>.</summary>
    public static bool IsExported(Node value)
    {
        var parent = value.Parent;
        if (parent.Kind == "export_statement" && parent.Field("value") == value)
        {
            return true;
        }
        return parent.Kind == "assignment_expression" && parent.Field("right") == value
            && parent.Field("left") is { IsNull: false } left && left.Text.Replace(" ", "", StringComparison.Ordinal) is "module.exports" or "exports.default";
    }
}
