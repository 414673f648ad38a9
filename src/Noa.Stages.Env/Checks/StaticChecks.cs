using Noa.Abstractions.Env;

namespace Noa.Stages.Env.Checks;

/// <summary>Every static check of the rendered files: <c>compose.yaml</c> against the compose-spec schema, each <c>k8s/*.yaml</c>
/// for its structure, <c>.env.example</c> against the plan.</summary>
internal static class StaticChecks
{
    public static IReadOnlyList<StaticCheck> Check(IReadOnlyDictionary<string, string> rendered, IReadOnlyList<AppPlan> apps)
    {
        var checks = new List<StaticCheck>();
        foreach (var (path, content) in rendered.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (path == "env/compose.yaml")
                checks.Add(ComposeSchemaCheck.Check(path, content));
            else if (path.StartsWith("env/k8s/", StringComparison.Ordinal) && path.EndsWith(".yaml", StringComparison.Ordinal))
                checks.Add(KubernetesCheck.Check(path, content));
            else if (path == "env/.env.example")
                checks.Add(EnvExampleCheck.Check(path, content, apps));
        }
        return checks;
    }
}
