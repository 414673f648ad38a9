namespace Noa.Deploy.Tests;

/// <summary>deploy/k8s: the resources its kustomization lists, by kind.</summary>
internal sealed class KubernetesManifests
{
    public const string Directory = "deploy/k8s";

    private KubernetesManifests(Dictionary<string, object?> kustomization, IReadOnlyList<Dictionary<string, object?>> objects)
    {
        Kustomization = kustomization;
        Objects = objects;
    }

    public Dictionary<string, object?> Kustomization { get; }

    public IReadOnlyList<Dictionary<string, object?>> Objects { get; }

    public static KubernetesManifests Load()
    {
        var kustomization = Yaml.Load(Repo.Path(Directory, "kustomization.yaml"));
        var objects = kustomization.List("resources").Cast<string>()
            .SelectMany(r => Yaml.LoadAll(Repo.Path(Directory, r))).ToList();
        return new KubernetesManifests(kustomization, objects);
    }

    public IEnumerable<Dictionary<string, object?>> OfKind(string kind) => Objects.Where(o => o.Text("kind") == kind);

    public static string NameOf(Dictionary<string, object?> o) => o.Map("metadata").Text("name") ?? "";

    public Dictionary<string, object?>? Find(string kind, string name) => OfKind(kind).FirstOrDefault(o => NameOf(o) == name);

    public static Dictionary<string, object?> PodSpec(Dictionary<string, object?> deployment) => deployment.At("spec", "template", "spec");

    public static Dictionary<string, object?> Container(Dictionary<string, object?> deployment) =>
        (Dictionary<string, object?>)PodSpec(deployment).List("containers").Single()!;

    public Workload ToWorkload(Dictionary<string, object?> deployment)
    {
        var name = NameOf(deployment);
        var container = Container(deployment);
        var args = container.List("command").Concat(container.List("args")).Cast<string>().ToList();
        var ports = container.List("ports").Cast<Dictionary<string, object?>>().ToList();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.List("envFrom").Cast<Dictionary<string, object?>>())
        {
            var configMap = source.Map("configMapRef").Text("name");
            var data = configMap is null ? null : Find("ConfigMap", configMap);
            if (data is null)
                throw new InvalidDataException($"{name}: envFrom names no ConfigMap of {Directory} ({configMap ?? "a secretRef?"})");
            foreach (var (key, value) in data.Map("data"))
                environment[key] = (string)value!;
        }
        var fromSecrets = new List<string>();
        foreach (var entry in container.List("env").Cast<Dictionary<string, object?>>())
        {
            var key = entry.Text("name")!;
            if (entry.Map("valueFrom").ContainsKey("secretKeyRef"))
                fromSecrets.Add(key);
            else
                environment[key] = entry.Text("value") ?? "";
        }
        var volumes = PodSpec(deployment).List("volumes").Cast<Dictionary<string, object?>>().ToDictionary(v => v.Text("name")!);
        var secretFiles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mount in container.List("volumeMounts").Cast<Dictionary<string, object?>>())
        {
            if (!volumes.TryGetValue(mount.Text("name")!, out var volume) || !volume.ContainsKey("secret"))
                continue;
            // Without items every key of the Secret is a file; the tests then know no names, so they accept none.
            foreach (var item in volume.Map("secret").List("items").Cast<Dictionary<string, object?>>())
                secretFiles.Add(mount.Text("mountPath")!.TrimEnd('/') + "/" + item.Text("path"));
        }
        var probes = new List<Probe>();
        foreach (var kind in new[] { "liveness", "readiness", "startup" })
        {
            var get = container.Map(kind + "Probe").Map("httpGet");
            if (get.Count == 0)
                continue;
            var port = get.Text("port")!;
            var number = int.TryParse(port, out var n) ? n
                : ports.Where(p => p.Text("name") == port).Select(p => int.Parse(p.Text("containerPort")!)).DefaultIfEmpty(-1).First();
            probes.Add(new Probe(kind, get.Text("path") ?? "", number));
        }
        return new Workload($"k8s:{name}", args, [.. ports.Select(p => int.Parse(p.Text("containerPort")!))], environment,
            secretFiles, fromSecrets, probes);
    }
}
