using System.Globalization;
using Noa.Bundles.Registry;
using Noa.Stages.Registrar;

namespace Noa.Bench.Registrar;

/// <summary>The settings a bench run overrides from the environment, named as noa reads them (<c>Noa__Bundles__Registry__ChunkSize</c>).</summary>
internal static class Settings
{
    public static void Bind(RegistrySettings s)
    {
        if (Read("Noa__Bundles__Registry__ChunkThreshold") is { } threshold)
            s.ChunkThreshold = long.Parse(threshold, CultureInfo.InvariantCulture);
        if (Read("Noa__Bundles__Registry__ChunkSize") is { } size)
            s.ChunkSize = int.Parse(size, CultureInfo.InvariantCulture);
        if (Read("Noa__Bundles__Registry__Mount") is { } mount)
            s.Mount = bool.Parse(mount);
    }

    public static void Bind(RegistrarOptions o)
    {
        if (Read("Noa__Registrar__ParallelUploads") is { } parallel)
            o.ParallelUploads = int.Parse(parallel, CultureInfo.InvariantCulture);
    }

    private static string? Read(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
