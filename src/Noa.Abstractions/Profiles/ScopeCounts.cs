namespace Noa.Abstractions.Profiles;

/// <summary>File counts by scope (<see cref="FileScopes"/>); each file is in exactly one scope.</summary>
/// <param name="Product">The software itself: what is built, shipped or run.</param>
/// <param name="Test">Tests and their helpers, by path and framework conventions.</param>
/// <param name="Fixture">Data the tests read (fixtures, testdata, snapshots).</param>
/// <param name="Example">Examples, samples and demos.</param>
/// <param name="Benchmark">Benchmarks.</param>
/// <param name="Documentation">Documentation and prose.</param>
/// <param name="Generated">Written by a tool (lockfiles, generated code).</param>
/// <param name="Vendored">Third-party code kept in the tree.</param>
public sealed record ScopeCounts(int Product, int Test, int Fixture, int Example, int Benchmark, int Documentation, int Generated, int Vendored);
