using Noa.Workflows;

namespace Noa.Deploy.Tests;

/// <summary>deploy/k8s against the code: Deployments, their hardening, the ConfigMap, Services and the KEDA ScaledObjects.</summary>
public sealed class KubernetesTests
{
    private readonly KubernetesManifests _k8s = KubernetesManifests.Load();

    private IEnumerable<Dictionary<string, object?>> Deployments => _k8s.OfKind("Deployment");

    [Fact]
    public void Kustomization_ListsEveryManifestInTheFolder()
    {
        var listed = _k8s.Kustomization.List("resources").Cast<string>().Order(StringComparer.Ordinal);
        var files = Directory.GetFiles(Repo.Path(KubernetesManifests.Directory), "*.yaml").Select(Path.GetFileName)
            .Where(f => f != "kustomization.yaml").Order(StringComparer.Ordinal);
        Assert.Equal(files, listed);
    }

    [Fact]
    public void Deployments_CommandsPortsSettingsSecretsAndProbes_MatchTheCode()
    {
        var workloads = Deployments.Select(_k8s.ToWorkload).ToList();
        Assert.True(workloads.Count >= 2 + NoaCode.Stages.Count, $"only {workloads.Count} Deployments");
        Problems.None(workloads.SelectMany(w => DeployChecks.All(w, kubernetes: true)));
    }

    [Fact]
    public void Deployments_TheSplitTopology_GatewayWorkflowsAndOneWorkerPerStage()
    {
        var targets = Deployments.Select(_k8s.ToWorkload).ToDictionary(w => w.Name, w => w.Serve.Target);
        Assert.Equal("gateway", targets["k8s:noa-gateway"]);
        Assert.Equal("workflows", targets["k8s:noa-workflows"]);
        foreach (var stage in NoaCode.Stages)
            Assert.Equal([stage], _k8s.ToWorkload(_k8s.Find("Deployment", $"noa-{stage}")!).WorkerStages);
    }

    [Fact]
    public void Deployments_NonRoot_ReadOnlyRoot_NoEscalation_WithRequestsAndLimits()
    {
        var image = Dockerfile.Load();
        foreach (var deployment in Deployments.Where(d => !IsCapsuleWorker(d) && !IsRunner(d)))
        {
            var name = KubernetesManifests.NameOf(deployment);
            var pod = KubernetesManifests.PodSpec(deployment).Map("securityContext");
            var container = KubernetesManifests.Container(deployment);
            var security = container.Map("securityContext");
            Assert.True(pod.Text("runAsNonRoot") == "true", $"{name}: runAsNonRoot");
            Assert.True(pod.Text("runAsUser") == image.User, $"{name}: runAsUser {pod.Text("runAsUser")}, image user {image.User}");
            Assert.True(security.Text("readOnlyRootFilesystem") == "true", $"{name}: readOnlyRootFilesystem");
            Assert.True(security.Text("allowPrivilegeEscalation") == "false", $"{name}: allowPrivilegeEscalation");
            Assert.Contains("ALL", security.Map("capabilities").List("drop").Cast<string>());
            foreach (var bound in new[] { "requests", "limits" })
            {
                var resources = container.Map("resources").Map(bound);
                Assert.True(resources.ContainsKey("cpu") && resources.ContainsKey("memory"), $"{name}: resources.{bound} needs cpu and memory");
            }
            // A read-only root needs the image's Noa:Home (NOA_HOME) and /tmp as writable volumes.
            var volumes = KubernetesManifests.PodSpec(deployment).List("volumes").Cast<Dictionary<string, object?>>().ToDictionary(v => v.Text("name")!);
            var mounts = container.List("volumeMounts").Cast<Dictionary<string, object?>>().ToDictionary(m => m.Text("mountPath")!, m => m.Text("name")!);
            foreach (var writable in new[] { image.Env["NOA_HOME"], "/tmp" })
                Assert.True(mounts.TryGetValue(writable, out var volume) && volumes[volume].ContainsKey("emptyDir"), $"{name}: {writable} is not an emptyDir");
            Assert.Equal(image.Entrypoint[0] is "/app/noa" ? "noa" : "?", container.Text("image"));
        }
    }

    [Fact]
    public void CapsuleWorker_RunsTheCapsuleModule_WithOnlyTheDocumentedPrivileges()
    {
        var deployment = Assert.Single(Deployments, IsCapsuleWorker);
        var workload = _k8s.ToWorkload(deployment);
        Assert.Contains("capsules", workload.Serve.Target!.Split(','));
        Assert.Contains("gateway", workload.Serve.Target!.Split(',')); // its endpoints exist only behind the gateway's keys
        var pod = KubernetesManifests.PodSpec(deployment);
        Assert.True(pod.Text("hostUsers") == "false" || pod.Text("runtimeClassName") is not null,
            "the capsule worker runs as root only inside a pod user namespace (hostUsers: false) or a gVisor runtime class");
        var security = KubernetesManifests.Container(deployment).Map("securityContext");
        Assert.Equal("true", security.Text("readOnlyRootFilesystem"));
        Assert.Equal("false", security.Text("allowPrivilegeEscalation"));
        Assert.Equal(["ALL"], security.Map("capabilities").List("drop").Cast<string>());
        Assert.Equal(CapsuleCapabilities, security.Map("capabilities").List("add").Cast<string>().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RunnerWorker_RunsCapsules_WithOnlyTheCapsuleWorkersPrivileges()
    {
        var deployment = Assert.Single(Deployments, IsRunner);
        Assert.Equal(["runner"], _k8s.ToWorkload(deployment).WorkerStages);
        var pod = KubernetesManifests.PodSpec(deployment);
        Assert.True(pod.Text("hostUsers") == "false" || pod.Text("runtimeClassName") is not null,
            "the runner worker runs as root only inside a pod user namespace (hostUsers: false) or a gVisor runtime class");
        var security = KubernetesManifests.Container(deployment).Map("securityContext");
        Assert.Equal("true", security.Text("readOnlyRootFilesystem"));
        Assert.Equal("false", security.Text("allowPrivilegeEscalation"));
        Assert.Equal(["ALL"], security.Map("capabilities").List("drop").Cast<string>());
        Assert.Equal(CapsuleCapabilities, security.Map("capabilities").List("add").Cast<string>().Order(StringComparer.Ordinal));
    }

    private static bool IsRunner(Dictionary<string, object?> deployment) =>
        deployment.At("spec", "template", "metadata", "labels").Text("app.kubernetes.io/component") == "runner";

    /// <summary>What the capsule worker needs, and why, as docs/security.md and deploy/k8s/capsules.yaml say.</summary>
    internal static readonly string[] CapsuleCapabilities = ["CHOWN", "DAC_OVERRIDE", "FOWNER", "KILL", "SETGID", "SETUID", "SYS_ADMIN", "SYS_PTRACE"];

    private static bool IsCapsuleWorker(Dictionary<string, object?> deployment) =>
        deployment.At("spec", "template", "metadata", "labels").Text("app.kubernetes.io/component") == "capsules";

    [Fact]
    public void Secrets_OnlyTheOnesAContainerReads_AreMounted()
    {
        foreach (var workload in Deployments.Select(_k8s.ToWorkload))
        {
            var read = workload.Settings.Values.Where(v => v.StartsWith("/run/secrets/", StringComparison.Ordinal)).ToHashSet();
            Assert.True(read.SetEquals(workload.SecretFiles),
                $"{workload.Name}: mounts {string.Join(", ", workload.SecretFiles.Order())}, reads {string.Join(", ", read.Order())}");
        }
        Assert.Contains("/run/secrets/noa/admin-key", _k8s.ToWorkload(_k8s.Find("Deployment", "noa-gateway")!).SecretFiles);
    }

    [Fact]
    public void Services_SelectTheirDeploymentsPods_OnANamedContainerPort()
    {
        var services = _k8s.OfKind("Service").ToList();
        Assert.Contains(services, s => KubernetesManifests.NameOf(s) == "noa-gateway");
        foreach (var service in services)
        {
            var selector = service.At("spec", "selector");
            var selected = Deployments.Where(d => selector.All(l => d.At("spec", "template", "metadata", "labels").Text(l.Key) == (string?)l.Value)).ToList();
            var deployment = Assert.Single(selected);
            var ports = KubernetesManifests.Container(deployment).List("ports").Cast<Dictionary<string, object?>>().Select(p => p.Text("name")).ToList();
            foreach (var port in service.At("spec").List("ports").Cast<Dictionary<string, object?>>())
                Assert.Contains(port.Text("targetPort"), ports);
        }
    }

    [Fact]
    public void EveryWorker_HasAScaledObject_OnItsTaskQueueAndConsumerGroup()
    {
        var scaled = _k8s.OfKind("ScaledObject").ToList();
        var configMap = _k8s.Find("ConfigMap", "noa-settings")!.Map("data");
        var slots = int.Parse(configMap.Text("Noa__Workflows__WorkerSlots") ?? new WorkflowOptions().WorkerSlots.ToString());
        var redisHost = configMap.Text("Noa__Bus__Redis__ConnectionString")!.Split(',')[0];
        var redisPasswordFile = Path.GetFileName(configMap.Text("Noa__Bus__Redis__PasswordFile")!);
        var workers = Deployments.Select(d => (Deployment: d, Stages: _k8s.ToWorkload(d).WorkerStages)).Where(w => w.Stages.Count > 0).ToList();
        Assert.Equal(NoaCode.Stages, workers.SelectMany(w => w.Stages).Order(StringComparer.Ordinal));

        foreach (var (deployment, stages) in workers)
        {
            var name = KubernetesManifests.NameOf(deployment);
            var so = Assert.Single(scaled, s => s.At("spec", "scaleTargetRef").Text("name") == name);
            Assert.True(int.Parse(so.At("spec").Text("minReplicaCount")!) >= 1, $"{name}: pending entries exist only once a worker has read them; scaling to 0 never wakes up");
            var triggers = so.At("spec").List("triggers").Cast<Dictionary<string, object?>>().ToList();
            Assert.Equal(stages.Count, triggers.Count);
            foreach (var stage in stages)
            {
                var trigger = Assert.Single(triggers, t => t.Map("metadata").Text("stream") == TaskQueues.For(stage));
                var metadata = trigger.Map("metadata");
                Assert.Equal("redis-streams", trigger.Text("type"));
                Assert.Equal(TaskQueues.WorkerGroup, metadata.Text("consumerGroup"));
                Assert.Equal(redisHost, metadata.Text("address"));
                var pending = int.Parse(metadata.Text("pendingEntriesCount")!);
                Assert.True(pending >= 1 && pending < slots,
                    $"{name}: pendingEntriesCount {pending}: a worker holds at most WorkerSlots ({slots}) pending tasks, so a target at or above it never scales out");
                var auth = _k8s.Find("TriggerAuthentication", trigger.Map("authenticationRef").Text("name")!);
                Assert.NotNull(auth);
                var secret = Assert.Single(auth.At("spec").List("secretTargetRef").Cast<Dictionary<string, object?>>());
                Assert.Equal(("password", redisPasswordFile), (secret.Text("parameter"), secret.Text("key")));
            }
        }
    }
}
