namespace Noa.Safety.Rules.Loading;

// The YAML shape of a rule file (schemas/rules.schema.json); unknown keys are errors.
internal sealed class RuleFileDto
{
    public List<RuleDto?>? Rules { get; set; }
}

internal sealed class RuleDto
{
    public string? Id { get; set; }
    public string? Message { get; set; }
    public string? Severity { get; set; }
    public List<string>? Languages { get; set; }
    public string? Query { get; set; }
    public MetadataDto? Metadata { get; set; }
    public TestsDto? Tests { get; set; }
}

internal sealed class MetadataDto
{
    public List<string>? Cwe { get; set; }
    public List<string>? Owasp { get; set; }
    public string? Confidence { get; set; }
    public List<string>? References { get; set; }
}

internal sealed class TestsDto
{
    public string? Positive { get; set; }
    public string? Negative { get; set; }
}
