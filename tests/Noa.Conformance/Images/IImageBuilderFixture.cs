using Noa.Abstractions;

namespace Noa.Conformance;

/// <summary>Gives <see cref="ImageBuilderConformance{TFixture}"/> the builder under test and a registry to push to.</summary>
public interface IImageBuilderFixture : IConformanceFixture
{
    /// <summary>The builder under test.</summary>
    IImageBuilder Builder { get; }

    /// <summary>A registry the builder can push to and pull from (<c>host:port</c>).</summary>
    string Registry { get; }

    /// <summary>A repository of <see cref="Registry"/> no other test uses, with <paramref name="tag"/>.</summary>
    string UniqueReference(string tag = "1");

    /// <summary>Why the locked base image <paramref name="reference"/> cannot be used (not built), or null when it is there.</summary>
    Task<string?> BaseImageMissingAsync(string reference);
}
