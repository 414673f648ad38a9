using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Noa.Capsule;
using Noa.Gateway;
using Noa.Hosting;
using Noa.Stages.Classifier;
using Noa.Stages.Embeddings;
using Noa.Stages.Env;
using Noa.Stages.Graph;
using Noa.Stages.Intake;
using Noa.Stages.Integrator;
using Noa.Stages.Registrar;
using Noa.Stages.Runner;
using Noa.Stages.Safety;
using Noa.Workflows;

namespace Noa.Cli;

/// <summary>The module table: who depends on whom, and the groups. Keep it short and sorted.</summary>
internal static class Modules
{
    public const string All = "all";
    public const string Api = "api";
    public const string Workers = "workers";

    // Before the catalogue: static fields initialise in order.
    private static readonly string[] Stores = ["artifacts", "bus", "metadata"];

    public static ModuleCatalogue Catalogue { get; } = new(
    [
        new(All, "every module in one process", [Api, "capsules", "workflows", Workers]),
        new(Api, "the HTTP API", ["gateway"]),
        new("artifacts", "content-addressed artifact store (Noa:Artifacts:Provider: filesystem | s3)", [], Providers.AddArtifacts),
        new("bundles", "bundle registry of published runs (Noa:Bundles:Provider: layout | registry)", [], Providers.AddBundles),
        new("bus", "event bus and task queues (Noa:Bus:Provider: inprocess | redis | nats)", [], Providers.AddBus),
        new("capsules", "Capsule: sandboxed runs (bubblewrap + cgroups) on images built by buildah, with a policy agent (egress allowlist, audited), build proxy, service mirror and telemetry; /capsule/spawn and /capsules… when the gateway is active too", ["metadata"], AddCapsules),
        new("classifier", "Classifier stage: languages, build systems, frameworks, service type, licences → profile.json; a worker of tasks.classifier when Noa:Workflows:Dispatch=bus", Stores, b =>
            AddStage(b, "classifier", AddClassifier)),
        new("embeddings", "Embeddings stage: code by definition, docs by heading, config by key, embedded incrementally into the vector store → embeddings.json; a worker of tasks.embeddings when Noa:Workflows:Dispatch=bus", [.. Stores, "vectors"], b =>
            AddStage(b, "embeddings", AddEmbeddings)),
        new("env", "Env Synthesis stage: a plan per app (runtime, commands, port, health, stores, env vars, with evidence) → env/ (Dockerfile, compose.yaml, k8s/, .env.example, Makefile, config.schema.json), built and started when capsules is active too; a worker of tasks.env when Noa:Workflows:Dispatch=bus", Stores, b =>
            AddStage(b, "env", AddEnv)),
        new("gateway", "HTTP API: /digest, /runs, run events (SSE), artifacts, /search, /admin; API keys, audit, rate limits, OpenAPI, /metrics", ["artifacts", "bus", "metadata", "vectors"], b =>
            b.Services.AddGateway().AddSafetyPolicyValidator()),
        new("graph", "Graph Extract stage: tree-sitter definitions, imports, calls, inheritance, tests, endpoints, config, stores → kg.json and system_card.md; a worker of tasks.graph when Noa:Workflows:Dispatch=bus", Stores, b =>
            AddStage(b, "graph", AddGraph)),
        new("intake", "Intake stage: folder, git, archive, OpenAPI, model list → provenance.json and the source snapshot; a worker of tasks.intake when Noa:Workflows:Dispatch=bus", Stores, b =>
            AddStage(b, "intake", AddIntake)),
        new("integrator", "Integrator stage: typed Python, TypeScript and Go SDKs from the source's OpenAPI documents (or one derived from kg.json), a Rego policy and a changelog → sdk/; needs safety=pass; a worker of tasks.integrator when Noa:Workflows:Dispatch=bus", Stores, b =>
            AddStage(b, "integrator", AddIntegrator)),
        new("metadata", "runs, stage attempts, artifacts and audit trail (Noa:Metadata:Provider: sqlite | postgres)", [], Providers.AddMetadata),
        new("registrar", "Registrar stage: the bundle published as a signed OCI artifact with SBOMs, SARIF and provenance as referrers → registrar.json; last, needs safety=pass; a worker of tasks.registrar when Noa:Workflows:Dispatch=bus", [.. Stores, "bundles"], b =>
            AddStage(b, "registrar", AddRegistrar)),
        new("runner", "Runner stage: install/build/test steps planned from kg.json's tasks and build-system conventions, each run in a capsule (host toolchains read-only, limits, egress policy Noa:Runner:Policy), per-test results, smoke tests when there are none → runner.json, demo.md, runner/smoke/; needs safety=pass; a worker of tasks.runner when Noa:Workflows:Dispatch=bus", [.. Stores, "capsules"], b =>
            AddStage(b, "runner", AddRunner)),
        new("safety", "Safety stage: SBOM, vulnerabilities, secrets, static analysis and licences judged by a policy → safety.sarif, safety.json; its gate blocks what needs safety=pass; a worker of tasks.safety when Noa:Workflows:Dispatch=bus", Stores, b =>
            AddStage(b, "safety", AddSafety)),
        new("vectors", "vector store and embedding models for the Embeddings stage and search (Noa:Vectors:Provider: embedded | postgres; models: Noa:Embeddings)", [], Providers.AddVectors),
        new(Workers, "every pipeline stage", ["classifier", "embeddings", "env", "graph", "intake", "integrator", "registrar", "runner", "safety"]),
        new("workflows", "DAG workflow engine (retries, timeouts, gates, resume) over the whole pipeline, and the run scheduler of runs.requests; with Noa:Workflows:Dispatch=bus it loads no stage (the DAG is Noa.Abstractions' StageCatalogue)", [.. Stores, "bundles", "vectors"], b =>
        {
            AddEngine(b);
            if (!IsBusDispatch(b))
            {
                AddIntake(b);
                AddClassifier(b);
                AddGraph(b);
                AddSafety(b);
                AddEmbeddings(b);
                AddEnv(b);
                AddIntegrator(b);
                AddRunner(b);
                AddRegistrar(b);
            }
            b.Services.AddRunScheduler(o => b.Configuration.GetSection("Noa:Workflows:Scheduler").Bind(o));
        }),
    ]);

    private static NoaHome Home(IHostApplicationBuilder builder) => NoaHome.From(builder.Configuration);

    private static void AddEngine(IHostApplicationBuilder b) =>
        b.Services.AddWorkflows(o =>
        {
            b.Configuration.GetSection("Noa:Workflows").Bind(o);
            o.WorkspaceRoot = Home(b).Workspaces;
        });

    // A stage module is a worker: the stage, the engine's options (and engine, for `noa digest`), and with bus
    // dispatch a consumer of the stage's task queue. The orchestrator (workflows) registers every stage for its DAG when it runs them
    // in-process; with bus dispatch it loads none.
    private static void AddStage(IHostApplicationBuilder b, string stage, Action<IHostApplicationBuilder> add)
    {
        AddEngine(b);
        add(b);
        if (IsBusDispatch(b))
            b.Services.AddStageWorker(stage);
    }

    private static bool IsBusDispatch(IHostApplicationBuilder b) =>
        string.Equals(b.Configuration["Noa:Workflows:Dispatch"], nameof(ActivityDispatch.Bus), StringComparison.OrdinalIgnoreCase);

    private static void AddClassifier(IHostApplicationBuilder b) =>
        b.Services.AddClassifier(o => b.Configuration.GetSection("Noa:Classifier").Bind(o));

    private static void AddGraph(IHostApplicationBuilder b) =>
        b.Services.AddGraph(o =>
        {
            o.CacheDirectory = Path.Combine(Home(b).Cache, "graph");
            b.Configuration.GetSection("Noa:Graph").Bind(o);
        });

    private static void AddSafety(IHostApplicationBuilder b) =>
        b.Services.AddSafety(o =>
        {
            o.CacheDirectory = Path.Combine(Home(b).Cache, "advisories");
            // `noa advisories import` fills $NOA_HOME/advisories.db unless told otherwise; used when it exists.
            var store = Path.Combine(Home(b).Root, "advisories.db");
            o.AdvisoryDatabase = File.Exists(store) ? store : null;
            b.Configuration.GetSection("Noa:Safety").Bind(o);
        });

    private static void AddEmbeddings(IHostApplicationBuilder b) =>
        b.Services.AddEmbeddings(o => b.Configuration.GetSection("Noa:Embeddings").Bind(o));

    private static void AddRegistrar(IHostApplicationBuilder b) =>
        b.Services.AddRegistrar(o =>
        {
            o.DefaultSigningKeyFile = Path.Combine(Home(b).Root, "keys", "signing.pem");
            b.Configuration.GetSection(RegistrarOptions.Section).Bind(o);
        });

    private static void AddCapsules(IHostApplicationBuilder b) =>
        b.Services.AddCapsules(
            o => b.Configuration.GetSection(CapsuleOptions.Section).Bind(o),
            sandbox => b.Configuration.GetSection("Noa:Capsule:Sandbox").Bind(sandbox),
            images => b.Configuration.GetSection("Noa:Capsule:Images").Bind(images));

    private static void AddIntegrator(IHostApplicationBuilder b) =>
        b.Services.AddIntegrator(o => b.Configuration.GetSection("Noa:Integrator").Bind(o));

    private static void AddRunner(IHostApplicationBuilder b) =>
        b.Services.AddRunner(o => b.Configuration.GetSection(RunnerOptions.Section).Bind(o));

    // images.lock: $NOA_IMAGES_LOCK (as scripts/images.sh), else the one `make lock-images` wrote in the working folder.
    private static void AddEnv(IHostApplicationBuilder b) =>
        b.Services.AddEnv(o =>
        {
            var lockFile = Environment.GetEnvironmentVariable("NOA_IMAGES_LOCK") is { Length: > 0 } l ? l : Path.GetFullPath("images.lock");
            o.ImagesLock = File.Exists(lockFile) ? lockFile : null;
            b.Configuration.GetSection(EnvOptions.Section).Bind(o);
        });

    private static void AddIntake(IHostApplicationBuilder b) =>
        b.Services.AddIntake(o => b.Configuration.GetSection("Noa:Intake").Bind(o));
}
