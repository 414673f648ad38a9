using System.Text.RegularExpressions;

namespace Noa.Safety.Secrets.Rules;

/// <summary>A rule ready to run: its regexes compiled and its allowlists with them.</summary>
internal sealed record CompiledRule(SecretRule Rule, Regex? Content, Regex? Path, CompiledAllowlist[] Allowlists);
