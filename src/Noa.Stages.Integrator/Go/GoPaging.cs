using Noa.Stages.Integrator.Model;
using Noa.Stages.Integrator.Output;

namespace Noa.Stages.Integrator.Go;

/// <summary>
/// A <c>…Pager</c> method for an operation with a paging hint: a <c>*Pager[T]</c> that calls the operation page after page
/// (cursor from the response's next field, page number + 1, or offset + items received) until a page is empty or the
/// cursor runs out. Iterators are <c>Next()</c>/<c>Item()</c>/<c>Err()</c>: Go 1.19 has no range-over-func.
/// </summary>
internal static class GoPaging
{
    /// <summary>The Go type of one item, or null when the hint cannot be followed in Go (no such parameter, mismatched types).</summary>
    public static string? Item(GoMethod method, PagingHint paging, ApiModel model, GoTypes types)
    {
        if (Cursor(method, paging) is not { } cursor || method.Returns is null)
            return null;
        var page = method.Operation.Success.Type;
        TypeRef? items;
        if (paging.ItemsField is null)
            items = page.Kind == TypeKind.Array ? page : null;
        else
        {
            if (types.Resolve(page) is not { Kind: TypeKind.Named } named || !method.Returns.StartsWith('*'))
                return null;
            var schema = model.Schemas[named.Name!];
            if (schema.Kind != SchemaKind.Object || GoTypes.IsMap(schema))
                return null;
            items = schema.Properties.FirstOrDefault(p => p.WireName == paging.ItemsField)?.Type;
            if (paging.Style == PagingStyle.Cursor && schema.Properties.FirstOrDefault(p => p.WireName == paging.NextField)?.Type.Kind != cursor.Parameter.Type.Kind)
                return null;
        }
        if (items is null || types.Resolve(items) is not { Kind: TypeKind.Array } array)
            return null;
        if (paging.Style != PagingStyle.Cursor && cursor.Parameter.Type.Kind != TypeKind.Integer)
            return null;
        return types.Core(array)[2..];
    }

    public static void Write(CodeWriter w, GoMethod method, PagingHint paging, string item, GoTypes types, GoModels models)
    {
        var cursor = Cursor(method, paging)!;
        var pointer = cursor.Type.StartsWith('*');
        w.Line();
        w.Line($"// {method.Name}Pager walks every item of {method.Name}, page after page ({paging.Style.ToString().ToLowerInvariant()} paging on {GoSyntax.String(paging.Parameter)}).");
        w.Line($"func (c *Client) {method.Name}Pager({method.Signature()}) *Pager[{item}] {{");
        using (w.Indent())
        {
            w.Line($"p := {method.ParamsType}{{}}");
            w.Line("if params != nil {");
            using (w.Indent())
                w.Line("p = *params");
            w.Line("}");
            w.Line($"return newPager(func() ([]{item}, bool, error) {{");
            using (w.Indent())
            {
                w.Line($"page, err := c.{method.Name}({method.Forward("&p")})");
                w.Line("if err != nil {");
                using (w.Indent())
                    w.Line("return nil, false, err");
                w.Line("}");
                var pageSchema = paging.ItemsField is null ? null : types.Resolve(method.Operation.Success.Type)!.Name!;
                if (pageSchema is null)
                    w.Line("items := page");
                else
                {
                    w.Line("if page == nil {");
                    using (w.Indent())
                        w.Line("return nil, false, nil");
                    w.Line("}");
                    w.Line($"items := page.{models.FieldName(pageSchema, paging.ItemsField!)}");
                }
                var field = $"p.{cursor.Name}";
                switch (paging.Style)
                {
                    case PagingStyle.Cursor:
                        var next = $"page.{models.FieldName(pageSchema!, paging.NextField!)}";
                        var nextProperty = types.Schema(pageSchema!).Properties.First(p => p.WireName == paging.NextField);
                        var nextPointer = types.Field(nextProperty.Type, !nextProperty.Required || nextProperty.ReadOnly).StartsWith('*');
                        var zero = cursor.Parameter.Type.Kind == TypeKind.String ? "\"\"" : "0";
                        if (nextPointer)
                        {
                            w.Line($"if {next} == nil || *{next} == {zero} || len(items) == 0 {{");
                            using (w.Indent())
                                w.Line("return items, false, nil");
                            w.Line("}");
                            w.Line($"next := *{next}");
                        }
                        else
                        {
                            w.Line($"if {next} == {zero} || len(items) == 0 {{");
                            using (w.Indent())
                                w.Line("return items, false, nil");
                            w.Line("}");
                            w.Line($"next := {next}");
                        }
                        w.Line(pointer ? $"{field} = &next" : $"{field} = next");
                        break;
                    default:
                        var step = paging.Style == PagingStyle.Page ? "1" : "int64(len(items))";
                        if (pointer)
                        {
                            w.Line($"next := int64({(paging.Style == PagingStyle.Page ? "1" : "0")})");
                            w.Line($"if {field} != nil {{");
                            using (w.Indent())
                                w.Line($"next = *{field}");
                            w.Line("}");
                            w.Line($"next += {step}");
                            w.Line($"{field} = &next");
                        }
                        else
                            w.Line($"{field} += {step}");
                        break;
                }
                w.Line("return items, len(items) > 0, nil");
            }
            w.Line("})");
        }
        w.Line("}");
    }

    private static GoMethod.Argument? Cursor(GoMethod method, PagingHint paging) =>
        method.Params.FirstOrDefault(a => a.Parameter.In == ParameterLocation.Query && a.Parameter.WireName == paging.Parameter);
}
