using System.CommandLine;
using Noa.Abstractions;

namespace Noa.Cli.Commands;

/// <summary>
/// Where a REF of <c>noa pull</c>/<c>noa verify</c> lives: a reference with a registry host (<c>127.0.0.1:5000/noa/x:tag</c>)
/// is read from that registry (https, or http with <c>--plain-http</c>), one without from the configured bundle store
/// (<c>Noa:Bundles:Provider</c>, the OCI layout under <c>$NOA_HOME/oci</c> by default).
/// </summary>
internal static class BundleTarget
{
    public static readonly Argument<string> Ref = new("ref") { Description = "[REGISTRY/]REPOSITORY:TAG or …@sha256:DIGEST (e.g. noa/left-pad:tree-…)" };
    public static readonly Option<bool> PlainHttp = new("--plain-http") { Description = "Reach the registry named in REF over http, not https (a local registry)" };

    /// <summary>
    /// The parsed reference and a host of the bundle store it lives in; null when REF is not a reference (the reason is
    /// printed, and the command exits with <see cref="ExitCodes.BadInput"/>).
    /// </summary>
    public static async Task<(BundleReference Reference, Microsoft.Extensions.Hosting.IHost Host)?> OpenAsync(ParseResult parse)
    {
        BundleReference reference;
        Dictionary<string, string?> overrides;
        try
        {
            (reference, overrides) = Resolve(parse);
        }
        catch (ArgumentException e)
        {
            await System.Console.Error.WriteLineAsync($"noa: {BadInput.Message(e)}");
            return null;
        }
        return (reference, NoaHostFactory.Build("bundles", GlobalOptions.From(parse), overrides));
    }

    /// <summary>The parsed reference and the configuration that points the bundle store at its registry.</summary>
    private static (BundleReference Reference, Dictionary<string, string?> Overrides) Resolve(ParseResult parse)
    {
        var reference = BundleReference.Parse(parse.GetValue(Ref)!);
        var overrides = new Dictionary<string, string?>();
        if (reference.Registry is { } registry)
        {
            var url = (parse.GetValue(PlainHttp) ? "http://" : "https://") + registry;
            overrides["Noa:Bundles:Provider"] = "registry";
            overrides["Noa:Bundles:Registry:Url"] = url;
            // The configured user, password and token are the configured registry's: a REF that names another registry
            // (or the same one over another scheme) must not be sent them. A docker config.json is per host already.
            if (!SameOrigin(ConfiguredRegistry(parse), url))
            {
                foreach (var secret in new[] { "Username", "PasswordFile", "TokenFile" })
                    overrides[$"Noa:Bundles:Registry:{secret}"] = "";
            }
        }
        return (reference, overrides);
    }

    private static string? ConfiguredRegistry(ParseResult parse)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationManager();
        NoaHostFactory.Configure(configuration, GlobalOptions.From(parse), overrides: null);
        return configuration["Noa:Bundles:Registry:Url"];
    }

    private static bool SameOrigin(string? configured, string url) =>
        Uri.TryCreate(configured, UriKind.Absolute, out var a) && Uri.TryCreate(url, UriKind.Absolute, out var b)
        && Uri.Compare(a, b, UriComponents.SchemeAndServer | UriComponents.Port, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
