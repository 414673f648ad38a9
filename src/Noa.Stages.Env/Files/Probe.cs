using Noa.Abstractions.Env;

namespace Noa.Stages.Env.Files;

/// <summary>The health probe inside the image: with the runtime's own interpreter where there is one (no curl in slim images), else
/// bash's <c>/dev/tcp</c>; an HTTP path must answer below 500, a port must accept.</summary>
internal static class Probe
{
    public static IReadOnlyList<string>? Command(AppPlan plan)
    {
        if (plan.Port.Value is not { } port)
            return null;
        var path = plan.Health.Value;
        return plan.Toolchain switch
        {
            "python" => ["python", "-c", path is null
                ? $"import socket; socket.create_connection(('127.0.0.1', {port}), 2)"
                : $"import urllib.request, urllib.error\ntry: urllib.request.urlopen('http://127.0.0.1:{port}{path}', timeout=2)\nexcept urllib.error.HTTPError as e: raise SystemExit(e.code >= 500)"],
            "node" => ["node", "-e", path is null
                ? $"require('net').connect({port}, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))"
                : $"require('http').get('http://127.0.0.1:{port}{path}', r => process.exit(r.statusCode < 500 ? 0 : 1)).on('error', () => process.exit(1))"],
            _ => ["bash", "-c", path is null
                ? $"exec 3<>/dev/tcp/127.0.0.1/{port}"
                : $"exec 3<>/dev/tcp/127.0.0.1/{port} && printf 'GET {path} HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' [234][0-9][0-9] '"],
        };
    }
}
