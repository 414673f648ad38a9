namespace Noa.Stages.Integrator.Changes;

/// <summary>How much a change asks of the SDKs' version (semantic versioning).</summary>
internal enum ChangeLevel
{
    /// <summary>Nothing a caller sees changed.</summary>
    None,
    /// <summary>Compatible, nothing new to call: the patch number.</summary>
    Patch,
    /// <summary>Something new to call, nothing old broken: the minor number.</summary>
    Addition,
    /// <summary>Code written against the old SDK may no longer compile or work: the major number.</summary>
    Breaking,
}

/// <summary>One difference between two digests of an API.</summary>
/// <param name="Level">How it ranks for the version.</param>
/// <param name="Kind">A stable name: <c>operation-removed</c>, <c>parameter-renamed</c>, <c>property-required-added</c>, ….</param>
/// <param name="Subject">What changed: an operation (<c>GET /pets/{id}</c>) or a schema (<c>Pet</c>), with the member when there is one.</param>
/// <param name="Detail">The change in words, with the old and new values.</param>
internal sealed record ApiChange(ChangeLevel Level, string Kind, string Subject, string Detail);
