using Microsoft.Extensions.Options;
using Noa.Capsule.Policy;

namespace Noa.Capsule;

/// <summary>Reports every invalid capsule option at startup, not just the first.</summary>
internal sealed class CapsuleOptionsValidator : IValidateOptions<CapsuleOptions>
{
    private const string S = CapsuleOptions.Section;

    public ValidateOptionsResult Validate(string? name, CapsuleOptions o)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(o.WorkDirectory) || !Path.IsPathFullyQualified(o.WorkDirectory))
            errors.Add($"{S}:WorkDirectory must be an absolute path (was '{o.WorkDirectory}').");
        else if (!OperatingSystem.IsWindows() && Untraversable(o.WorkDirectory) is { } closed)
            errors.Add($"{S}:WorkDirectory {o.WorkDirectory}: the folder {closed} above it is not traversable by others (o+x), so no sandbox could reach its workspace.");
        if (!Path.IsPathFullyQualified(o.SocketDirectory))
            errors.Add($"{S}:SocketDirectory must be an absolute path (was '{o.SocketDirectory}').");
        foreach (var (section, limits) in new[] { ("DefaultLimits", o.DefaultLimits), ("MaxLimits", o.MaxLimits) })
            foreach (var (field, reason) in limits.ToLimits().Validate())
                errors.Add($"{S}:{section}:{field}: {reason}.");
        if (o.DefaultLimits.Cpus > o.MaxLimits.Cpus || o.DefaultLimits.MemoryBytes > o.MaxLimits.MemoryBytes || o.DefaultLimits.Pids > o.MaxLimits.Pids
            || o.DefaultLimits.WallTimeSeconds > o.MaxLimits.WallTimeSeconds || o.DefaultLimits.OutputBytes > o.MaxLimits.OutputBytes
            || o.DefaultLimits.TmpfsBytes > o.MaxLimits.TmpfsBytes)
            errors.Add($"{S}:DefaultLimits must each be at most MaxLimits.");
        if (o.TenantQuota.MaxRunning < 1 || o.TenantQuota.MaxCpus <= 0 || o.TenantQuota.MaxMemoryBytes <= 0)
            errors.Add($"{S}:TenantQuota: MaxRunning, MaxCpus and MaxMemoryBytes must be positive.");
        if (o.ProxyPort is < 1 or > 65535 || o.OtlpPort is < 1 or > 65535 || o.ProxyPort == o.OtlpPort)
            errors.Add($"{S}:ProxyPort and OtlpPort must be two different ports (1-65535).");
        if (o.LogBufferBytes < 1024)
            errors.Add($"{S}:LogBufferBytes must be at least 1024 (was {o.LogBufferBytes}).");
        if (o.KeepEnded < TimeSpan.Zero)
            errors.Add($"{S}:KeepEnded must not be negative.");
        if ((o.TlsCertificateFile is null) != (o.TlsKeyFile is null))
            errors.Add($"{S}:TlsCertificateFile and TlsKeyFile go together.");
        foreach (var file in new[] { o.TlsCertificateFile, o.TlsKeyFile, o.TlsClientCaFile })
            if (file is not null && !File.Exists(file))
                errors.Add($"{S}: the TLS file '{file}' does not exist.");
        errors.AddRange(EgressPolicies.Problems(o));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>The first existing folder above <paramref name="path"/> that others cannot pass through, or null.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string? Untraversable(string path)
    {
        for (var folder = Path.GetDirectoryName(Path.GetFullPath(path)); folder is not null; folder = Path.GetDirectoryName(folder))
            if (Directory.Exists(folder) && (File.GetUnixFileMode(folder) & UnixFileMode.OtherExecute) == 0)
                return folder;
        return null;
    }
}
