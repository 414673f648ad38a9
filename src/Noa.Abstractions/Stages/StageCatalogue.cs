using Noa.Abstractions.Profiles;

namespace Noa.Abstractions;

/// <summary>
/// The digest pipeline's stages, their dependencies and gates, as static data: what a process that hosts no stage (the gateway, an
/// orchestrator dispatching to workers over the bus) knows about them. Each stage takes its <see cref="IStageDefinition.Dependencies"/>
/// from here, so the catalogue and the stages cannot disagree.
/// </summary>
public static class StageCatalogue
{
    /// <summary>The workflow name recorded on digest runs.</summary>
    public const string DigestWorkflow = "digest";

    /// <summary>Intake: reads the source into the artifact store.</summary>
    public static StageDescriptor Intake { get; } = new("intake", [], false, ["provenance.json", "snapshot.json"]);

    /// <summary>Classifier: languages, scopes, build systems, frameworks, apps, licences.</summary>
    public static StageDescriptor Classifier { get; } = new("classifier", [new("intake")], false, [Profile.BundlePath, FileList.BundlePath]);

    /// <summary>Graph Extract: the knowledge graph and system card.</summary>
    public static StageDescriptor Graph { get; } = new("graph", [new("classifier")], false, ["kg.json", "system_card.md"]);

    /// <summary>Env Synthesis: a plan per app and the files that build and run it (Dockerfile, compose.yaml, k8s/, .env.example,
    /// Makefile, config.schema.json), built and started in a Capsule where the process has one.</summary>
    public static StageDescriptor Env { get; } = new("env", [new("classifier"), new("graph")], false, ["env/plan.json", "env/verify.json"]);

    /// <summary>Safety: SBOM, vulnerabilities, secrets, rules and licences judged by a policy; a gate.</summary>
    public static StageDescriptor Safety { get; } = new("safety", [new("classifier")], true, ["sbom.cdx.json", "sbom.spdx.json", "safety.sarif", "safety.json"]);

    /// <summary>Embeddings: chunks embedded into the vector store.</summary>
    public static StageDescriptor Embeddings { get; } = new("embeddings", [new("graph")], false, ["embeddings.json"]);

    /// <summary>Integrator: typed SDKs from the source's OpenAPI documents (<c>sdk/python/…</c>, <c>sdk/typescript/…</c>, <c>sdk/go/…</c>) and <c>sdk/report.json</c>; needs Safety's pass.</summary>
    public static StageDescriptor Integrator { get; } = new("integrator", [new("graph"), new("safety", RequiresPass: true)], false, ["sdk/report.json", "sdk/python/", "sdk/typescript/", "sdk/go/", "sdk/openapi.json", "sdk/policy/", "sdk/api.json", "sdk/changes.json", "sdk/CHANGELOG.md"]);

    /// <summary>Runner: builds the source and runs its tests (or smoke tests) in a capsule → <c>runner.json</c>, <c>demo.md</c>,
    /// <c>runner/smoke/…</c>; it runs code that is not ours, so it needs Safety's pass.</summary>
    public static StageDescriptor Runner { get; } = new("runner", [new("classifier"), new("env"), new("graph"), new("safety", RequiresPass: true)], false, ["runner.json", "demo.md", "runner/"]);

    /// <summary>Registrar: the bundle published as a signed OCI artifact with its referrers; last, after every stage that writes
    /// into the bundle (the later stages of the seed join its dependencies when they land), and only on a safety pass.</summary>
    public static StageDescriptor Registrar { get; } = new("registrar",
        [new("classifier"), new("embeddings"), new("env"), new("graph"), new("intake"), new("integrator"), new("runner"), new("safety", RequiresPass: true)], false, ["registrar.json"]);

    /// <summary>Every stage, dependencies before dependents.</summary>
    public static IReadOnlyList<StageDescriptor> Stages { get; } = [Intake, Classifier, Graph, Env, Safety, Embeddings, Integrator, Runner, Registrar];

    /// <summary>The stage names, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Stages.Select(s => s.Name).Order(StringComparer.Ordinal)];

    /// <summary>The stage with this name, or null.</summary>
    public static StageDescriptor? Find(string name) => Stages.FirstOrDefault(s => s.Name == name);
}
