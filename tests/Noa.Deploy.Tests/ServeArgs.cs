namespace Noa.Deploy.Tests;

/// <summary>A parsed <c>noa serve</c> command line: its targets, its listen addresses, and what was wrong with it.</summary>
internal sealed record ServeArgs(string? Target, string? Urls, IReadOnlyList<string> Errors)
{
    /// <summary>The ports of <see cref="Urls"/> (<c>http://0.0.0.0:8080;http://[::]:8081</c>).</summary>
    public IReadOnlyList<int> Ports =>
        [.. (Urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => new Uri(u.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0")).Port)];
}
