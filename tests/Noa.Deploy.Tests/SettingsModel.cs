using Microsoft.Extensions.Configuration;
using Noa.Artifacts.S3;
using Noa.Bundles.Registry;
using Noa.EventBus.Nats;
using Noa.EventBus.Redis;
using Noa.Gateway;
using Noa.Stages.Classifier;
using Noa.Stages.Intake;
using Noa.Stages.Registrar;
using Noa.Storage.Postgres;
using Noa.Vectors.Postgres;
using Noa.Workflows;

namespace Noa.Deploy.Tests;

/// <summary>
/// The configuration keys noa reads: each options section and the type it binds to, plus the keys read directly
/// (the provider choices stated in the module catalogue, and <c>Noa:Home</c>). A key is known when the binder puts
/// it on a property of its section's type (<see cref="BinderOptions.ErrorOnUnknownConfiguration"/>) and its value
/// converts to that property's type.
/// </summary>
internal static class SettingsModel
{
    // Longest first: a key belongs to the most specific section that holds it.
    private static readonly (string Section, Type Type)[] Sections =
    [
        (Noa.EventBus.Redis.Extensions.SectionName, typeof(RedisBusSettings)),
        (Noa.EventBus.Nats.Extensions.SectionName, typeof(NatsBusSettings)),
        // Providers.AddMetadata / AddArtifacts bind these (Noa.Cli/Providers.cs); the adapters name no section.
        ("Noa:Metadata:Postgres", typeof(PostgresSettings)),
        ("Noa:Artifacts:S3", typeof(S3Settings)),
        ("Noa:Vectors:Postgres", typeof(PostgresVectorSettings)),
        ("Noa:Bundles:Registry", typeof(RegistrySettings)),
        (RegistrarOptions.Section, typeof(RegistrarOptions)),
        ("Noa:Workflows:Scheduler", typeof(RunSchedulerOptions)),
        ("Noa:Workflows", typeof(WorkflowOptions)),
        (GatewayOptions.Section, typeof(GatewayOptions)),
        (IntakeOptions.SectionName, typeof(IntakeOptions)),
        (ClassifierOptions.Section, typeof(ClassifierOptions)),
        ("Noa:Capsule:Sandbox", typeof(Noa.Sandbox.Bubblewrap.BubblewrapSettings)),
        ("Noa:Capsule:Images", typeof(Noa.Images.Buildah.BuildahSettings)),
        (Noa.Capsule.CapsuleOptions.Section, typeof(Noa.Capsule.CapsuleOptions)),
    ];

    /// <summary>Read by NoaHome.From (also the <c>--home</c> flag).</summary>
    private const string HomeKey = "Noa:Home";

    /// <summary>Turns environment variable names into configuration keys, as AddEnvironmentVariables does.</summary>
    public static string KeyOf(string environmentName) => environmentName.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>Every problem with these settings (configuration keys → values); empty when noa would take them all.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyDictionary<string, string> settings)
    {
        var problems = new List<string>();
        var bySection = new Dictionary<string, Dictionary<string, string?>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings)
        {
            if (NoaCode.ProviderKeys.TryGetValue(key, out var choices))
            {
                if (!choices.Contains(value.Trim().ToLowerInvariant()))
                    problems.Add($"{key}={value}: the catalogue's choices are {string.Join(" | ", choices)}");
                continue;
            }
            if (string.Equals(key, HomeKey, StringComparison.OrdinalIgnoreCase))
                continue;
            var section = Sections.FirstOrDefault(s => key.StartsWith(s.Section + ":", StringComparison.OrdinalIgnoreCase)
                && !IsChildSectionKey(s.Section, key));
            if (section.Type is null)
            {
                problems.Add($"{key}: no options section of noa reads it");
                continue;
            }
            if (!bySection.TryGetValue(section.Section, out var keys))
                bySection[section.Section] = keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            keys[key] = value;
        }
        foreach (var (section, keys) in bySection)
        {
            var type = Sections.Single(s => s.Section == section).Type;
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(keys).Build();
            try
            {
                configuration.GetSection(section).Get(type, o => o.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException e)
            {
                problems.Add($"{section} ({type.Name}): {e.Message}");
            }
        }
        return problems;
    }

    // Noa:Workflows:Scheduler:Lease belongs to the Scheduler section, not to WorkflowOptions.
    private static bool IsChildSectionKey(string section, string key) =>
        Sections.Any(s => s.Section.Length > section.Length && s.Section.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase)
            && key.StartsWith(s.Section + ":", StringComparison.OrdinalIgnoreCase));
}
