namespace Noa.Safety.Secrets.Rules;

/// <summary>The rule pack shipped with the library (an embedded Gitleaks-format TOML file).</summary>
public static class DefaultRules
{
    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(DefaultRules).Assembly.GetManifestResourceStream("Noa.Safety.Secrets.default-rules.toml")
            ?? throw new InvalidOperationException("default-rules.toml is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static readonly Lazy<SecretRuleConfig> Parsed = new(() =>
    {
        var (config, errors) = GitleaksConfigReader.Parse(Text.Value);
        return config ?? throw new InvalidOperationException("default-rules.toml is invalid: " + string.Join("; ", errors));
    });

    /// <summary>The TOML text of the default pack.</summary>
    public static string Toml => Text.Value;

    /// <summary>The parsed default pack.</summary>
    public static SecretRuleConfig Config => Parsed.Value;
}
