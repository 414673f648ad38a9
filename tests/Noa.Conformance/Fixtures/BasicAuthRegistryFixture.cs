namespace Noa.Conformance;

/// <summary>A private registry with htpasswd (bcrypt) basic authentication.</summary>
public sealed class BasicAuthRegistryFixture : AuthRegistryFixture
{
    /// <inheritdoc />
    protected override async Task<string> StartAuthAsync()
    {
        var htpasswd = Path.Combine(Folder.Path, "htpasswd");
        await File.WriteAllTextAsync(htpasswd, $"{User}:{BCrypt.Net.BCrypt.HashPassword(Password, workFactor: 5)}\n");
        return $$"""
            auth:
              htpasswd: { realm: noa-test, path: {{htpasswd}} }
            """;
    }
}
