using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Noa.Abstractions;
using Noa.Sandbox.Bubblewrap.Cgroups;

namespace Noa.Sandbox.Bubblewrap;

/// <summary>
/// <see cref="ISandbox"/> on bubblewrap and cgroups (v1 or v2, detected). Each sandbox runs as its own unprivileged host
/// user (<c>setpriv</c> drops root before bubblewrap starts, so the user namespace maps its ids to that user and never to
/// root), in its own cgroup that the launcher joins before anything else runs, with every namespace unshared.
/// </summary>
internal sealed partial class BubblewrapSandbox : ISandbox
{
    private readonly BubblewrapSettings _settings;
    private readonly Lazy<CgroupHost> _cgroups;
    private readonly UidPool _uids;
    private readonly SandboxContext _context;

    public BubblewrapSandbox(IOptions<BubblewrapSettings> settings, ILogger<BubblewrapSandbox>? logger = null, TimeProvider? time = null)
    {
        _settings = settings.Value;
        _cgroups = new Lazy<CgroupHost>(() => CgroupHost.Detect());
        _uids = new UidPool(_settings.HostUidBase, _settings.HostUidCount);
        _context = new SandboxContext(_settings, time ?? TimeProvider.System, (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <summary>The cgroup version of this host (1 or 2).</summary>
    public int CgroupVersion => _cgroups.Value.Version;

    /// <summary>The cgroup folder name prefix of this process's sandboxes (the name and pid come first in each id).</summary>
    public string CgroupParent => _settings.CgroupParent;

    public async Task<ISandboxProcess> StartAsync(SandboxSpec spec, CancellationToken cancellationToken = default)
    {
        SpecValidator.ThrowIfInvalid(spec);
        if (!OperatingSystem.IsLinux())
            throw new SandboxUnavailableException("The bubblewrap sandbox needs Linux (namespaces, cgroups).");
        var cgroups = _cgroups.Value;
        var id = string.Create(CultureInfo.InvariantCulture, $"{spec.Name ?? "sbx"}-{Environment.ProcessId:x}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        var uid = _uids.Rent();
        var state = Path.Combine(_settings.StateDirectory, id);
        ISandboxCgroup? cgroup = null;
        Fifos? fifos = null;
        Process? process = null;
        IReadOnlyList<(string, string)> handed = [];
        var listeners = new Dictionary<int, Socket>();
        try
        {
            Directory.CreateDirectory(_settings.StateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.CreateDirectory(state, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            cgroup = cgroups.Create(_settings.CgroupParent, id, spec.Limits, _settings.CpuWeight);
            handed = await WritableBinds.HandOverAsync(spec.Binds, uid, cancellationToken).ConfigureAwait(false);
            var block = spec.InnerListeners.Count > 0;
            fifos = new Fifos(state, block);
            var u = uid.ToString(CultureInfo.InvariantCulture);
            List<string> command = [_settings.Setpriv, "--reuid=" + u, "--regid=" + u, "--clear-groups", "--", _settings.Bwrap, .. BwrapArguments.For(spec, _settings, block)];
            process = Launcher.Start(cgroup.ProcsFiles, fifos.InfoPath, fifos.BlockPath, command);
            var childPid = await fifos.ReadChildPidAsync(process.WaitForExitAsync(cancellationToken)).ConfigureAwait(false);
            if (childPid is null)
                throw await LaunchFailedAsync(process).ConfigureAwait(false);
            try
            {
                foreach (var port in spec.InnerListeners.Distinct())
                    listeners[port] = await NetNamespace.ListenAsync(childPid.Value, port, () => process.HasExited, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException) when (process.HasExited)
            {
                // bubblewrap failed setting the sandbox up (a bind it could not reach): its own message says why.
                throw await LaunchFailedAsync(process).ConfigureAwait(false);
            }
            fifos.Release();
            Log.SandboxStarted(_context.Logger, id, uid, spec.Command[0], spec.RootFs ?? "host");
            var (f, h, s, c) = (fifos, handed, state, cgroup);
            return new SandboxedProcess(id, process, childPid.Value, cgroup, spec, _context, listeners, async () =>
            {
                f.Dispose();
                await WritableBinds.ReturnAsync(h).ConfigureAwait(false);
                Directory.Delete(s, recursive: true);
                _uids.Return(uid);
            });
        }
        catch
        {
            foreach (var listener in listeners.Values)
                listener.Dispose();
            if (cgroup is not null)
            {
                cgroup.Kill(TimeSpan.FromSeconds(10));
                cgroup.Remove();
            }
            process?.Dispose();
            fifos?.Dispose();
            await WritableBinds.ReturnAsync(handed).ConfigureAwait(false);
            if (Directory.Exists(state))
                Directory.Delete(state, recursive: true);
            _uids.Return(uid);
            throw;
        }
    }

    private static async Task<Exception> LaunchFailedAsync(Process process)
    {
        await process.WaitForExitAsync().ConfigureAwait(false);
        var error = (await process.StandardError.ReadToEndAsync().ConfigureAwait(false)).Trim();
        return process.ExitCode == Launcher.JoinFailed
            ? new SandboxUnavailableException($"The sandbox could not join its cgroup: {error}")
            : new SandboxUnavailableException($"bubblewrap did not start (exit code {process.ExitCode}): {error}");
    }

    private static partial class Log
    {
        [LoggerMessage(LogEvents.SandboxStarted, LogLevel.Debug, "Sandbox {Id} started as host uid {Uid}: {Program} on root {Root}")]
        public static partial void SandboxStarted(ILogger logger, string id, int uid, string program, string root);
    }
}
