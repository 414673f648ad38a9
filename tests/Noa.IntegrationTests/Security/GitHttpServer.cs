using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Noa.IntegrationTests.Security;

/// <summary>
/// A real git server for credential tests: git's own smart-HTTP CGI program (<c>git http-backend</c>) behind Kestrel on
/// 127.0.0.1, serving one repository and answering 401 to any request without HTTP Basic credentials of
/// <see cref="User"/> and <see cref="Token"/>.
/// </summary>
internal sealed class GitHttpServer : IAsyncDisposable
{
    public const string User = "alice";
    private readonly WebApplication _app;
    private readonly string _root;

    private GitHttpServer(WebApplication app, string root, string token)
    {
        (_app, _root, Token) = (app, root, token);
        Url = app.Urls.First() + "/repo.git";
    }

    /// <summary>The secret a client must send.</summary>
    public string Token { get; }

    /// <summary>The repository's URL, without credentials.</summary>
    public string Url { get; }

    /// <summary>The repository's URL with the credentials in it, as a user would paste it.</summary>
    public string UrlWithCredentials => Url.Replace("http://", $"http://{User}:{Token}@", StringComparison.Ordinal);

    /// <summary>The Authorization values requests came with (none: null), in order.</summary>
    public ConcurrentQueue<string?> Authorizations { get; } = new();

    public static async Task<GitHttpServer> StartAsync(string root)
    {
        var work = Path.Combine(root, "work");
        Directory.CreateDirectory(work);
        await File.WriteAllTextAsync(Path.Combine(work, "README.md"), "# private repo\nOnly for those with the token.\n");
        await File.WriteAllTextAsync(Path.Combine(work, "main.py"), "def private_function():\n    return 42\n");
        await GitAsync(work, "init", "-q", "-b", "main");
        await GitAsync(work, "add", ".");
        await GitAsync(work, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "first");
        await GitAsync(root, "clone", "-q", "--bare", work, Path.Combine(root, "repo.git"));

        var token = "tok_" + Guid.NewGuid().ToString("N");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var server = (GitHttpServer?)null;
        app.Run(context => server!.ServeAsync(context));
        await app.StartAsync();
        server = new GitHttpServer(app, root, token);
        return server;
    }

    private async Task ServeAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        Authorizations.Enqueue(authorization.Length == 0 ? null : authorization);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Token}"));
        if (!string.Equals(authorization, expected, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"git\"";
            return;
        }
        var cgi = new ProcessStartInfo("git", ["http-backend"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        cgi.Environment["GIT_PROJECT_ROOT"] = _root;
        cgi.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        cgi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        cgi.Environment["HOME"] = _root;
        cgi.Environment["REQUEST_METHOD"] = context.Request.Method;
        cgi.Environment["PATH_INFO"] = context.Request.Path.Value;
        cgi.Environment["QUERY_STRING"] = context.Request.QueryString.Value?.TrimStart('?') ?? "";
        cgi.Environment["CONTENT_TYPE"] = context.Request.ContentType ?? "";
        cgi.Environment["REMOTE_USER"] = User;
        cgi.Environment["REMOTE_ADDR"] = context.Connection.RemoteIpAddress?.ToString() ?? "";
        if (context.Request.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding)
            cgi.Environment["HTTP_CONTENT_ENCODING"] = encoding;
        if (context.Request.Headers["Git-Protocol"].ToString() is { Length: > 0 } protocol)
            cgi.Environment["GIT_PROTOCOL"] = protocol;
        using var process = Process.Start(cgi)!;
        var errors = process.StandardError.ReadToEndAsync();
        await context.Request.Body.CopyToAsync(process.StandardInput.BaseStream);
        process.StandardInput.Close();
        var output = process.StandardOutput.BaseStream;
        // CGI: header lines up to an empty line, then the body.
        while (await ReadLineAsync(output) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':');
            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
                context.Response.StatusCode = int.Parse(value[..3], System.Globalization.CultureInfo.InvariantCulture);
            else
                context.Response.Headers[name] = value;
        }
        await output.CopyToAsync(context.Response.Body);
        await process.WaitForExitAsync();
        await errors;
    }

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1 && one[0] != '\n')
            line.Add(one[0]);
        return Encoding.ASCII.GetString([.. line]).TrimEnd('\r');
    }

    private static async Task GitAsync(string folder, params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
