namespace Noa.Stages.Classifier.Manifests;

/// <summary>A vote of a manifest for what the app it belongs to is: a service type (http-api, frontend, worker, cli, library) or an
/// app-only kind (app-host, desktop, mobile), its weight and why.</summary>
internal sealed record KindVote(string Kind, int Weight, Evidence Evidence);
