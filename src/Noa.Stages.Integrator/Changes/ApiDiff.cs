namespace Noa.Stages.Integrator.Changes;

/// <summary>
/// Compares two snapshots of one API. Breaking: an operation, parameter, schema, property, enum value or union variant
/// removed; an operation's id (the SDK method's name) or a parameter's name changed; a type changed; a parameter, body or
/// property newly required (added as required, or optional before). Additions: new operations, optional parameters and
/// properties, schemas, enum values, variants. Patch: something became optional where it was required (a parameter or body).
/// A parameter removed and another added at the same place with the same type is one rename.
/// </summary>
internal static class ApiDiff
{
    public static List<ApiChange> Compare(ApiSnapshot before, ApiSnapshot after)
    {
        var changes = new List<ApiChange>();
        var old = before.Operations.GroupBy(o => o.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var now = after.Operations.GroupBy(o => o.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var (key, o) in old.Where(o => !now.ContainsKey(o.Key)))
            changes.Add(new(ChangeLevel.Breaking, "operation-removed", Name(o), $"operation {o.Id} removed"));
        foreach (var (key, n) in now.Where(n => !old.ContainsKey(n.Key)))
            changes.Add(new(ChangeLevel.Addition, "operation-added", Name(n), $"operation {n.Id} added"));
        foreach (var (key, o) in old)
            if (now.TryGetValue(key, out var n))
                Operation(o, n, changes);

        var oldSchemas = before.Schemas.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var newSchemas = after.Schemas.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var name in oldSchemas.Keys.Where(k => !newSchemas.ContainsKey(k)))
            changes.Add(new(ChangeLevel.Breaking, "schema-removed", name, $"schema {name} removed"));
        foreach (var name in newSchemas.Keys.Where(k => !oldSchemas.ContainsKey(k)))
            changes.Add(new(ChangeLevel.Addition, "schema-added", name, $"schema {name} added"));
        foreach (var (name, o) in oldSchemas)
            if (newSchemas.TryGetValue(name, out var n))
                Schema(o, n, changes);
        return [.. changes.OrderByDescending(c => c.Level).ThenBy(c => c.Subject, StringComparer.Ordinal).ThenBy(c => c.Kind, StringComparer.Ordinal)];
    }

    private static string Name(ApiSnapshot.Operation o) => $"{o.Method} {o.Path}";

    private static void Operation(ApiSnapshot.Operation o, ApiSnapshot.Operation n, List<ApiChange> changes)
    {
        var subject = Name(n);
        if (o.Id != n.Id)
            changes.Add(new(ChangeLevel.Breaking, "operation-renamed", subject, $"operation id {o.Id} → {n.Id} (the SDK method's name)"));
        // Path parameters are matched by position (the template's order), the others by location and name.
        var oldPath = o.Parameters.Where(p => p.In == "path").ToList();
        var newPath = n.Parameters.Where(p => p.In == "path").ToList();
        foreach (var (p, q) in oldPath.Zip(newPath))
        {
            if (p.Name != q.Name)
                changes.Add(new(ChangeLevel.Breaking, "parameter-renamed", subject, $"path parameter {p.Name} renamed {q.Name}"));
            if (p.Type != q.Type)
                changes.Add(new(ChangeLevel.Breaking, "parameter-type-changed", subject, $"path parameter {q.Name}: {p.Type} → {q.Type}"));
        }
        var oldOthers = o.Parameters.Where(p => p.In != "path").ToDictionary(p => (p.In, p.Name));
        var newOthers = n.Parameters.Where(p => p.In != "path").ToDictionary(p => (p.In, p.Name));
        var removed = oldOthers.Values.Where(p => !newOthers.ContainsKey((p.In, p.Name))).ToList();
        var added = newOthers.Values.Where(p => !oldOthers.ContainsKey((p.In, p.Name))).ToList();
        foreach (var p in removed)
        {
            if (added.FirstOrDefault(a => a.In == p.In && a.Type == p.Type) is { } renamed)
            {
                added.Remove(renamed);
                changes.Add(new(ChangeLevel.Breaking, "parameter-renamed", subject, $"{p.In} parameter {p.Name} renamed {renamed.Name}"));
                Required(p.Required, renamed.Required, $"{p.In} parameter {renamed.Name}", "parameter", subject, changes);
            }
            else
                changes.Add(new(ChangeLevel.Breaking, "parameter-removed", subject, $"{p.In} parameter {p.Name} removed"));
        }
        foreach (var a in added)
            changes.Add(a.Required
                ? new(ChangeLevel.Breaking, "parameter-required-added", subject, $"required {a.In} parameter {a.Name} added")
                : new(ChangeLevel.Addition, "parameter-added", subject, $"optional {a.In} parameter {a.Name} added"));
        foreach (var (k, p) in oldOthers)
            if (newOthers.TryGetValue(k, out var q))
            {
                if (p.Type != q.Type)
                    changes.Add(new(ChangeLevel.Breaking, "parameter-type-changed", subject, $"{q.In} parameter {q.Name}: {p.Type} → {q.Type}"));
                Required(p.Required, q.Required, $"{q.In} parameter {q.Name}", "parameter", subject, changes);
            }

        switch (o.Body, n.Body)
        {
            case (null, { } b):
                changes.Add(b.Required
                    ? new(ChangeLevel.Breaking, "body-required-added", subject, $"required {b.Kind} body {b.Type} added")
                    : new(ChangeLevel.Addition, "body-added", subject, $"optional {b.Kind} body {b.Type} added"));
                break;
            case ({ } b, null):
                changes.Add(new(ChangeLevel.Breaking, "body-removed", subject, $"{b.Kind} body {b.Type} removed"));
                break;
            case ({ } b, { } c):
                if (b.Kind != c.Kind || b.Type != c.Type)
                    changes.Add(new(ChangeLevel.Breaking, "body-type-changed", subject, $"body {b.Kind} {b.Type} → {c.Kind} {c.Type}"));
                Required(b.Required, c.Required, "body", "body", subject, changes);
                break;
        }
        if (o.Result != n.Result)
            changes.Add(new(ChangeLevel.Breaking, "response-type-changed", subject, $"result {o.Result ?? "none"} → {n.Result ?? "none"}"));
    }

    private static void Required(bool before, bool after, string what, string kind, string subject, List<ApiChange> changes)
    {
        if (!before && after)
            changes.Add(new(ChangeLevel.Breaking, kind + "-now-required", subject, $"{what} is now required"));
        else if (before && !after)
            changes.Add(new(ChangeLevel.Patch, kind + "-now-optional", subject, $"{what} is now optional"));
    }

    private static void Schema(ApiSnapshot.Schema o, ApiSnapshot.Schema n, List<ApiChange> changes)
    {
        if (o.Kind != n.Kind)
        {
            changes.Add(new(ChangeLevel.Breaking, "schema-kind-changed", n.Name, $"schema {n.Name}: {o.Kind} → {n.Kind}"));
            return;
        }
        var oldProps = o.Properties.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var newProps = n.Properties.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var (name, p) in oldProps)
        {
            var subject = $"{n.Name}.{name}";
            if (!newProps.TryGetValue(name, out var q))
                changes.Add(new(ChangeLevel.Breaking, "property-removed", subject, $"property {name} removed"));
            else
            {
                if (p.Type != q.Type)
                    changes.Add(new(ChangeLevel.Breaking, "property-type-changed", subject, $"property {name}: {p.Type} → {q.Type}"));
                if (!p.Required && q.Required)
                    changes.Add(new(ChangeLevel.Breaking, "property-now-required", subject, $"property {name} is now required"));
                else if (p.Required && !q.Required)
                    // A reader of the old SDK counted on the field being there.
                    changes.Add(new(ChangeLevel.Breaking, "property-now-optional", subject, $"property {name} is now optional"));
            }
        }
        foreach (var (name, q) in newProps.Where(p => !oldProps.ContainsKey(p.Key)))
            changes.Add(q.Required
                ? new(ChangeLevel.Breaking, "property-required-added", $"{n.Name}.{name}", $"required property {name} ({q.Type}) added")
                : new(ChangeLevel.Addition, "property-added", $"{n.Name}.{name}", $"optional property {name} ({q.Type}) added"));
        if (o.Target != n.Target)
            changes.Add(new(ChangeLevel.Breaking, "alias-type-changed", n.Name, $"alias of {o.Target ?? "nothing"} → {n.Target ?? "nothing"}"));
        if (o.Extra != n.Extra)
            changes.Add(new(ChangeLevel.Breaking, "extra-keys-changed", n.Name, $"type of unlisted keys {o.Extra ?? "none"} → {n.Extra ?? "none"}"));
        foreach (var v in o.Values.Except(n.Values, StringComparer.Ordinal))
            changes.Add(new(ChangeLevel.Breaking, "enum-value-removed", n.Name, $"value {v} removed"));
        foreach (var v in n.Values.Except(o.Values, StringComparer.Ordinal))
            changes.Add(new(ChangeLevel.Addition, "enum-value-added", n.Name, $"value {v} added"));
        foreach (var v in o.Variants.Except(n.Variants, StringComparer.Ordinal))
            changes.Add(new(ChangeLevel.Breaking, "variant-removed", n.Name, $"{v} removed"));
        foreach (var v in n.Variants.Except(o.Variants, StringComparer.Ordinal))
            changes.Add(new(ChangeLevel.Addition, "variant-added", n.Name, $"{v} added"));
    }
}
