using Noa.Abstractions.Env;
using Noa.Stages.Env.Planning;

namespace Noa.Stages.Env.Files;

/// <summary>
/// <c>env/compose.yaml</c>: every server app built from its Dockerfile, the backing stores with health checks, apps waiting on
/// <c>depends_on: condition: service_healthy</c>, secrets as files (<c>env/secrets/NAME</c>, never values in the environment),
/// workers under the <c>workers</c> profile, each app's data folders as named volumes and its root read-only unless it writes its home.
/// </summary>
internal static class ComposeWriter
{
    public static string? Write(IReadOnlyList<PlannedApp> apps)
    {
        var servers = apps.Where(a => a.Plan.Server && a.Plan.Toolchain is not null).ToList();
        if (servers.Count == 0)
            return null;
        var services = new OrderedDictionary<string, object>(StringComparer.Ordinal);
        var secrets = new SortedDictionary<string, object>(StringComparer.Ordinal);
        var volumes = new SortedDictionary<string, object>(StringComparer.Ordinal);
        var stores = servers.SelectMany(a => a.Plan.Stores).Where(s => s.Image is not null).DistinctBy(s => s.Kind).OrderBy(s => s.Kind, StringComparer.Ordinal).ToList();
        foreach (var app in servers)
        {
            var plan = app.Plan;
            var name = DockerfileWriter.Folder(plan);
            var environment = new SortedDictionary<string, object>(StringComparer.Ordinal);
            foreach (var v in Secrets.Plain(plan))
                environment[v.Name] = v.Default is { } d ? $"${{{v.Name}:-{d.Replace("$", "$$", StringComparison.Ordinal)}}}" : $"${{{v.Name}:-}}";
            var appSecrets = Secrets.Of(plan).Select(v => Secrets.FileName(v.Name)).ToList();
            foreach (var secret in appSecrets)
                secrets[secret] = Yaml.Map(("file", $"./secrets/{secret}"));
            var dependsOn = new OrderedDictionary<string, object>(StringComparer.Ordinal);
            foreach (var store in plan.Stores.Where(s => s.Image is not null).OrderBy(s => s.Kind, StringComparer.Ordinal))
                dependsOn[store.Kind] = Yaml.Map(("condition", StoreRules.Services[store.Kind].Health is null ? "service_started" : "service_healthy"));
            // Data folders (plan.json's state) as named volumes, which docker fills from the image's folder, owner included.
            var data = plan.State.Where(f => f.Kind == StateFolder.Data).Select(f => (Volume: $"{name}-{Path.GetFileName(f.Path)}", f.Path)).ToList();
            foreach (var (volume, _) in data)
                volumes[volume] = new OrderedDictionary<string, object>();
            services[name] = Yaml.Map(
                ("build", Yaml.Map(("context", ".."), ("dockerfile", $"env/apps/{name}/Dockerfile"))),
                ("image", $"noa-env/{name}:local"),
                ("profiles", plan.Kind == "worker" ? new[] { "workers" } : null),
                ("ports", plan.Port.Value is { } port ? new[] { $"{port}:{port}" } : null),
                ("environment", environment.Count > 0 ? environment : null),
                ("secrets", appSecrets.Count > 0 ? appSecrets : null),
                ("depends_on", dependsOn.Count > 0 ? dependsOn : null),
                ("volumes", data.Count > 0 ? data.Select(d => $"{d.Volume}:{d.Path}").ToList() : null),
                ("read_only", plan.ReadOnlyRoot),
                ("tmpfs", new[] { "/tmp" }),
                ("restart", "unless-stopped"));
        }
        foreach (var store in stores)
        {
            var (image, port, health) = StoreRules.Services[store.Kind];
            var environment = new SortedDictionary<string, object>(StringComparer.Ordinal);
            var storeSecrets = new List<string>();
            switch (store.Kind)
            {
                case "postgres":
                    environment["POSTGRES_PASSWORD_FILE"] = "/run/secrets/postgres_password";
                    storeSecrets.Add("postgres_password");
                    break;
                case "mysql":
                    environment["MYSQL_ROOT_PASSWORD_FILE"] = "/run/secrets/mysql_root_password";
                    storeSecrets.Add("mysql_root_password");
                    break;
            }
            foreach (var secret in storeSecrets)
                secrets[secret] = Yaml.Map(("file", $"./secrets/{secret}"));
            volumes[$"{store.Kind}-data"] = new OrderedDictionary<string, object>();
            services[store.Kind] = Yaml.Map(
                ("image", image),
                ("environment", environment.Count > 0 ? environment : null),
                ("secrets", storeSecrets.Count > 0 ? storeSecrets : null),
                ("expose", new[] { port.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                ("volumes", new[] { $"{store.Kind}-data:{DataPath(store.Kind)}" }),
                ("healthcheck", health is null ? null : Yaml.Map(("test", new[] { "CMD-SHELL", health }), ("interval", "5s"), ("timeout", "5s"), ("retries", 20))),
                ("restart", "unless-stopped"));
        }
        var root = Yaml.Map(
            ("name", "noa-env"),
            ("services", services),
            ("secrets", secrets.Count > 0 ? secrets : null),
            ("volumes", volumes.Count > 0 ? volumes : null));
        return "# Generated by noa Env Synthesis from env/plan.json. Run from env/: docker compose up -d --wait\n" +
               "# Secrets are files under env/secrets/ (never values in the environment); create them before the first start.\n" +
               Yaml.Serialize(root);
    }

    private static string DataPath(string kind) => kind switch
    {
        "postgres" => "/var/lib/postgresql/data",
        "mysql" => "/var/lib/mysql",
        "mongodb" => "/data/db",
        "redis" => "/data",
        "rabbitmq" => "/var/lib/rabbitmq",
        "elasticsearch" => "/usr/share/elasticsearch/data",
        "s3" => "/data",
        _ => "/data",
    };
}
