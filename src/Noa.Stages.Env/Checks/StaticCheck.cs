namespace Noa.Stages.Env.Checks;

/// <summary>The result of one static check of one generated file, in <c>env/verify.json</c>.</summary>
/// <param name="File">Bundle path of the file.</param>
/// <param name="Check">What it was checked against (the compose-spec schema, Kubernetes' required fields, the plan).</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Problems">What is wrong, each with where (a JSON pointer, a document index or a line); empty when it passed.</param>
internal sealed record StaticCheck(string File, string Check, bool Passed, IReadOnlyList<string> Problems);
