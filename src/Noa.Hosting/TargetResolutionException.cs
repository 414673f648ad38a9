namespace Noa.Hosting;

/// <summary>The requested targets cannot be resolved: an unknown name or a dependency cycle.</summary>
public sealed class TargetResolutionException(string message) : Exception(message);
