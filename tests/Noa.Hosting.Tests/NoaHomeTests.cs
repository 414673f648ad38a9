using Microsoft.Extensions.Configuration;
using Noa.Hosting;

namespace Noa.Hosting.Tests;

public sealed class NoaHomeTests
{
    [Fact]
    public void From_ConfigurationKey_WinsAndFolderIsCreated()
    {
        var root = Path.Combine(Path.GetTempPath(), "noa-home-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Noa:Home"] = root }).Build();
        try
        {
            var home = NoaHome.From(configuration);
            Assert.Equal(root, home.Root);
            Assert.True(Directory.Exists(root));
            Assert.Equal(Path.Combine(root, "noa.db"), home.Database);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
