namespace Noa.Deploy.Tests;

/// <summary>deploy/Dockerfile builds what <c>make build</c> builds and runs it as the manifests expect.</summary>
public sealed class DockerfileTests
{
    private readonly Dockerfile _image = Dockerfile.Load();

    [Fact]
    public void Build_PublishesTheCli_WithTheClassifiersData()
    {
        Assert.Contains("dotnet publish src/Noa.Cli ", _image.Text);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:", _image.Text);
        // The Classifier embeds data/generated (scripts/fetch-data.sh: npm ci + node pack.mjs); the build stage gets it.
        Assert.Contains("npm ci --ignore-scripts", _image.Text);
        Assert.Contains("node pack.mjs", _image.Text);
        Assert.Contains("COPY --from=data /src/data/generated/ data/generated/", _image.Text);
        Assert.Contains("data/generated", File.ReadAllText(Repo.Path("src", "Noa.Stages.Classifier", "Noa.Stages.Classifier.csproj")).Replace("', '", "/"));
    }

    [Fact]
    public void Runtime_AspNet_NonRootNumericUser_NoaEntrypoint_ServeByDefault()
    {
        var final = _image.Text[_image.Text.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        Assert.StartsWith("\nFROM mcr.microsoft.com/dotnet/aspnet:", final);
        Assert.True(int.TryParse(_image.User, out var uid) && uid > 0, $"USER {_image.User} is not a numeric non-root user");
        Assert.Equal(["/app/noa"], _image.Entrypoint);
        Assert.Equal("/var/lib/noa", _image.Env["NOA_HOME"]);
        var cmd = final.Split('\n').Single(l => l.StartsWith("CMD ", StringComparison.Ordinal))[4..];
        var serve = NoaCode.ParseServe(System.Text.Json.JsonSerializer.Deserialize<string[]>(cmd)!);
        Problems.None(serve.Errors);
        Assert.Null(NoaCode.Resolve(serve.Target!).Error);
        Assert.Contains($"EXPOSE {serve.Ports.Single()}", final);
    }
}
