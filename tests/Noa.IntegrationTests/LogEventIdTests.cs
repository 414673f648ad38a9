using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Noa.IntegrationTests;

/// <summary>
/// Log event ids, read by reflection from the <c>[LoggerMessage]</c> attributes of every product assembly (all of them sit beside
/// these tests, which reference the <c>noa</c> executable): each assembly that logs keeps its ids in one <c>LogEvents</c>
/// registry, names every id there, never uses one twice, and shares none with another assembly, so an id alone says where a
/// line came from.
/// </summary>
public sealed class LogEventIdTests
{
    private static readonly Lazy<IReadOnlyList<(Assembly Assembly, MethodInfo Method, int Id)>> Messages = new(Collect);

    public static TheoryData<string> LoggingAssemblies() =>
        [.. Messages.Value.Select(m => m.Assembly.GetName().Name!).Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public void Assemblies_ManyOfThemLog()
    {
        // The control of the tests below: an empty scan would make them pass without looking at anything.
        Assert.True(LoggingAssemblies().Count >= 10, string.Join(", ", LoggingAssemblies()));
        Assert.Contains(Messages.Value, m => m.Assembly.GetName().Name == "Noa.Workflows" && m.Method.Name == "RunStarted");
    }

    [Theory]
    [MemberData(nameof(LoggingAssemblies))]
    public void LoggerMessages_InOneAssembly_UseEachIdOnceAndOnlyIdsOfItsLogEventsRegistry(string assembly)
    {
        var messages = Messages.Value.Where(m => m.Assembly.GetName().Name == assembly).ToArray();
        Assert.All(messages, m => Assert.True(m.Id > 0, $"{Describe(m)} has no event id"));
        var reused = messages.GroupBy(m => m.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(Describe))}").ToArray();
        Assert.True(reused.Length == 0, $"event ids used twice in {assembly}:\n{string.Join("\n", reused)}");

        var registries = messages[0].Assembly.GetTypes().Where(t => t.Name == "LogEvents").ToArray();
        var registry = Assert.Single(registries);
        var named = registry.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(int)).ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);
        var twice = named.GroupBy(f => f.Value).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(f => f.Key))}").ToArray();
        Assert.True(twice.Length == 0, $"{registry.FullName} gives one id two names:\n{string.Join("\n", twice)}");
        var unnamed = messages.Where(m => !named.ContainsValue(m.Id)).Select(Describe).ToArray();
        Assert.True(unnamed.Length == 0, $"ids not in {registry.FullName}:\n{string.Join("\n", unnamed)}");
    }

    [Fact]
    public void LoggerMessages_AcrossAssemblies_ShareNoId()
    {
        var shared = Messages.Value.GroupBy(m => m.Id).Where(g => g.Select(m => m.Assembly).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(Describe))}").ToArray();
        Assert.True(shared.Length == 0, $"event ids used by more than one assembly:\n{string.Join("\n", shared)}");
    }

    private static string Describe((Assembly Assembly, MethodInfo Method, int Id) m) =>
        $"{m.Assembly.GetName().Name}: {m.Method.DeclaringType?.FullName}.{m.Method.Name}";

    private static List<(Assembly, MethodInfo, int)> Collect()
    {
        var found = new List<(Assembly, MethodInfo, int)>();
        foreach (var path in Directory.GetFiles(AppContext.BaseDirectory, "Noa.*.dll").Append(Path.Combine(AppContext.BaseDirectory, "noa.dll")))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (name.EndsWith(".Tests", StringComparison.Ordinal) || name is "Noa.IntegrationTests" or "Noa.Testing" or "Noa.Conformance" || !File.Exists(path))
                continue;
            var assembly = Assembly.Load(AssemblyName.GetAssemblyName(path));
            foreach (var type in assembly.GetTypes())
            {
                foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                {
                    if (method.GetCustomAttribute<LoggerMessageAttribute>() is { } message)
                        found.Add((assembly, method, message.EventId));
                }
            }
        }
        return found;
    }
}
