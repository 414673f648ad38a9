namespace Noa.IntegrationTests;

/// <summary>
/// What a real <c>noa serve</c> spends on each request besides its answer: no lines of ASP.NET Core's own information
/// (routing, the result's status and type, the request's start and end: six JSON lines a call, on the warm path of every
/// <c>GET /search</c>) unless configured, and no watcher over the working folder (appsettings reload), which woke a thread
/// at every write below it.
/// </summary>
public sealed class ServeLogTests : IDisposable
{
    private readonly TempDir _temp = new("noa-servelog");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Search_ByDefault_LogsNoLineOfAspNetCoresOwn()
    {
        var logs = await SearchTwiceAsync(new Dictionary<string, string>());

        Assert.DoesNotContain("Microsoft.AspNetCore.Routing", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.AspNetCore.Hosting.Diagnostics", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_AspNetCoreInformationConfigured_LogsItsLines()
    {
        // The control: the lines are there when asked for, so their absence above is the default's doing.
        var logs = await SearchTwiceAsync(new Dictionary<string, string> { ["Logging__LogLevel__Microsoft.AspNetCore"] = "Information" });

        Assert.Contains("Microsoft.AspNetCore.Routing", logs, StringComparison.Ordinal);
        Assert.Contains("Request finished", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WatchesNoFiles()
    {
        await using var serve = await ServeProcess.StartAsync(_temp.Combine("home"), "api");
        (await serve.Http.GetAsync("/search?q=parse")).EnsureSuccessStatusCode();

        var threads = Directory.GetDirectories($"/proc/{serve.Id}/task").Select(t => File.ReadAllText(Path.Combine(t, "comm")).Trim()).ToList();

        Assert.Contains(".NET Sockets", threads); // the control: the threads are read
        Assert.DoesNotContain(".NET File Watch", threads);
    }

    private async Task<string> SearchTwiceAsync(Dictionary<string, string> settings)
    {
        await using var serve = await ServeProcess.StartAsync(_temp.Combine("home"), "api", settings);
        for (var i = 0; i < 2; i++)
            (await serve.Http.GetAsync("/search?q=parse")).EnsureSuccessStatusCode();
        await Task.Delay(500); // the console logger writes on its own thread
        return serve.Logs();
    }
}
