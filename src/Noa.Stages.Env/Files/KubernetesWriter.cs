using System.Globalization;
using Noa.Abstractions.Env;
using Noa.Stages.Env.Planning;

namespace Noa.Stages.Env.Files;

/// <summary>
/// <c>env/k8s/NAME.yaml</c> per server app: a ConfigMap of the plain variables, a Deployment (non-root, no privilege escalation,
/// read-only root file system with a writable <c>/tmp</c> and an <c>emptyDir</c> per data folder of plan.json's state (writable
/// when the app writes its home), requests and limits, readiness and liveness probes on the health path
/// or the port, secrets mounted as files under <c>/run/secrets</c> from the Secret <c>NAME-secrets</c>) and a Service. Backing
/// stores are expected as services of the cluster; their addresses are variables of the ConfigMap.
/// </summary>
internal static partial class KubernetesWriter
{
    public static string? Write(PlannedApp app)
    {
        var plan = app.Plan;
        if (!plan.Server || plan.Toolchain is null)
            return null;
        var folder = DockerfileWriter.Folder(plan);
        var name = Name(folder);
        var labels = Yaml.Map(("app.kubernetes.io/name", name), ("app.kubernetes.io/managed-by", "noa-env"));
        var data = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var v in Secrets.Plain(plan))
            data[v.Name] = v.Default ?? "";
        var port = plan.Port.Value is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : (int?)null;
        var secrets = Secrets.Of(plan).ToList();
        var state = plan.State.Where(f => f.Kind == StateFolder.Data).Select(f => (Volume: Name("data-" + Path.GetFileName(f.Path)), f.Path)).ToList();

        var container = Yaml.Map(
            ("name", name),
            ("image", $"noa-env/{folder}:local"),
            ("ports", port is { } cp ? new[] { Yaml.Map(("name", "http"), ("containerPort", cp)) } : null),
            ("envFrom", data.Count > 0 ? new[] { Yaml.Map(("configMapRef", Yaml.Map(("name", $"{name}-config")))) } : null),
            ("readinessProbe", Probe(plan, port, 5)),
            ("livenessProbe", Probe(plan, port, 20)),
            ("resources", Yaml.Map(
                ("requests", Yaml.Map(("cpu", "100m"), ("memory", "128Mi"))),
                ("limits", Yaml.Map(("cpu", "1"), ("memory", "512Mi"))))),
            ("securityContext", Yaml.Map(
                ("runAsNonRoot", true),
                ("runAsUser", DockerfileWriter.Uid),
                ("runAsGroup", DockerfileWriter.Uid),
                ("allowPrivilegeEscalation", false),
                ("readOnlyRootFilesystem", plan.ReadOnlyRoot),
                ("capabilities", Yaml.Map(("drop", new[] { "ALL" }))))),
            ("volumeMounts", new List<object>
            {
                Yaml.Map(("name", "tmp"), ("mountPath", "/tmp")),
            }.Concat(state.Select(d => Yaml.Map(("name", d.Volume), ("mountPath", d.Path)))).Concat(secrets.Count > 0 ? [Yaml.Map(("name", "secrets"), ("mountPath", "/run/secrets"), ("readOnly", true))] : []).ToList()));
        var volumes = new List<object> { Yaml.Map(("name", "tmp"), ("emptyDir", new OrderedDictionary<string, object>())) };
        volumes.AddRange(state.Select(d => Yaml.Map(("name", d.Volume), ("emptyDir", new OrderedDictionary<string, object>()))));
        if (secrets.Count > 0)
            volumes.Add(Yaml.Map(("name", "secrets"), ("secret", Yaml.Map(
                ("secretName", $"{name}-secrets"),
                ("items", secrets.Select(s => Yaml.Map(("key", s.Name), ("path", Noa.Stages.Env.Files.Secrets.FileName(s.Name)))).ToList())))));

        var documents = new List<object>();
        if (data.Count > 0)
            documents.Add(Yaml.Map(("apiVersion", "v1"), ("kind", "ConfigMap"), ("metadata", Yaml.Map(("name", $"{name}-config"), ("labels", labels))), ("data", data)));
        documents.Add(Yaml.Map(
            ("apiVersion", "apps/v1"),
            ("kind", "Deployment"),
            ("metadata", Yaml.Map(("name", name), ("labels", labels))),
            ("spec", Yaml.Map(
                ("replicas", 1),
                ("selector", Yaml.Map(("matchLabels", Yaml.Map(("app.kubernetes.io/name", name))))),
                ("template", Yaml.Map(
                    ("metadata", Yaml.Map(("labels", labels))),
                    ("spec", Yaml.Map(
                        ("automountServiceAccountToken", false),
                        ("securityContext", Yaml.Map(("runAsNonRoot", true), ("seccompProfile", Yaml.Map(("type", "RuntimeDefault"))))),
                        ("containers", new[] { container }),
                        ("volumes", volumes)))))))));
        if (port is { } sp)
            documents.Add(Yaml.Map(
                ("apiVersion", "v1"),
                ("kind", "Service"),
                ("metadata", Yaml.Map(("name", name), ("labels", labels))),
                ("spec", Yaml.Map(
                    ("selector", Yaml.Map(("app.kubernetes.io/name", name))),
                    ("ports", new[] { Yaml.Map(("name", "http"), ("port", sp), ("targetPort", "http")) })))));
        var header = $"# Generated by noa Env Synthesis from env/plan.json (app {plan.Name}).\n" +
                     (secrets.Count > 0 ? $"# Secrets as files: kubectl create secret generic {name}-secrets {string.Join(' ', secrets.Select(s => $"--from-file={s.Name}=secrets/{Noa.Stages.Env.Files.Secrets.FileName(s.Name)}"))}\n" : "");
        return header + string.Join("---\n", documents.Select(Yaml.Serialize));
    }

    /// <summary>A DNS-1123 label Kubernetes accepts as a name (an app named after a Go module path or a .NET assembly has dots), short
    /// enough for the <c>-config</c> and <c>-secrets</c> suffixes.</summary>
    internal static string Name(string app)
    {
        var name = InvalidLabel().Replace(app.ToLowerInvariant(), "-").Trim('-');
        name = name.Length > 55 ? name[..55].TrimEnd('-') : name;
        return name.Length == 0 ? "app" : name;
    }

    [System.Text.RegularExpressions.GeneratedRegex("[^a-z0-9-]+")]
    private static partial System.Text.RegularExpressions.Regex InvalidLabel();

    private static OrderedDictionary<string, object>? Probe(AppPlan plan, int? port, int initialDelay)
    {
        if (port is null)
            return null;
        var check = plan.Health.Value is { } path
            ? ("httpGet", (object)Yaml.Map(("path", path), ("port", "http")))
            : ("tcpSocket", (object)Yaml.Map(("port", "http")));
        return Yaml.Map(check, ("initialDelaySeconds", initialDelay), ("periodSeconds", 10), ("timeoutSeconds", 3), ("failureThreshold", 3));
    }
}
