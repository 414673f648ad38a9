using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Noa.Abstractions;

namespace Noa.Stages.Intake;

/// <summary>
/// Fetches a git source into <c>{workspace}/checkout</c> with the git CLI and lists its tracked files at the
/// requested ref or commit. A fresh repository fetches exactly what is asked (<c>Commit</c>, else <c>Ref</c>, else
/// the remote's HEAD) with the asked depth, so nothing but the workspace is written. Remote hosts are checked by
/// <see cref="HostGuard"/> first and then pinned: http(s) through <c>http.curloptResolve</c>, <c>git://</c> by
/// connecting to the checked address literally. (ssh connects by name; its host key check is the defence there.)
/// </summary>
internal sealed partial class GitReader(IntakeOptions options, HostGuard guard)
{
    private const int MaxSubmoduleLevels = 8;

    public async Task<Checked<IntakeResult>> ReadAsync(SourceLocator locator, string? localRoot, DigestRequest request, string workspace, CancellationToken cancellationToken)
    {
        if (request.Ref is { } gitRef && !SafeRef().IsMatch(gitRef))
        {
            return Checked<IntakeResult>.Refuse($"the ref '{gitRef}' is not a valid git ref name");
        }
        if (request.Commit is { } commit && !CommitId().IsMatch(commit))
        {
            return Checked<IntakeResult>.Refuse($"the commit '{commit}' is not a hex commit id (4 to 64 hex digits)");
        }
        if (request.Depth is <= 0)
        {
            return Checked<IntakeResult>.Refuse($"the depth {request.Depth} must be positive");
        }

        if (localRoot is not null && LocalRepositoryPolicy.Check(localRoot, options) is { } outside)
        {
            return Checked<IntakeResult>.Refuse(outside);
        }
        var remote = await PinRemoteAsync(locator, localRoot, cancellationToken).ConfigureAwait(false);
        if (remote.Failed)
        {
            return Checked<IntakeResult>.Refuse(remote.Error!);
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.GitTimeout);
        var git = new GitRunner(options, localRoot is not null, remote.Value!.Config, deadline.Token, remote.Value.Secrets);
        try
        {
            return await FetchAndListAsync(git, remote.Value.Url, locator, localRoot, request, workspace, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Checked<IntakeResult>.TimedOut($"git took longer than {options.GitTimeout} for '{locator.Redacted}' (limit GitTimeout)");
        }
    }

    private async Task<Checked<IntakeResult>> FetchAndListAsync(GitRunner git, string remote, SourceLocator locator, string? localRoot,
        DigestRequest request, string workspace, CancellationToken cancellationToken)
    {
        var checkout = Path.Combine(workspace, "checkout");
        var init = await git.RunAsync(workspace, "init", "-q", "--template=", checkout).ConfigureAwait(false);
        if (!init.Succeeded)
        {
            throw new InvalidOperationException($"git init failed: {init.Reason}");
        }
        string[] depth = request.Depth is { } d ? ["--depth", d.ToString(CultureInfo.InvariantCulture)] : [];
        var wanted = request.Commit ?? request.Ref ?? "HEAD";
        var fetch = await git.RunAsync(checkout, ["fetch", "-q", "--no-tags", .. depth, remote, wanted]).ConfigureAwait(false);
        if (!fetch.Succeeded && request.Commit is not null)
        {
            // Abbreviated ids, and servers that refuse a want of a bare commit: fetch the branches and tags
            // (or the given ref) in full and look for the commit there.
            string[] refspecs = request.Ref is { } r ? [r] : ["+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"];
            fetch = await git.RunAsync(checkout, ["fetch", "-q", "--no-tags", remote, .. refspecs]).ConfigureAwait(false);
        }
        if (!fetch.Succeeded)
        {
            return Checked<IntakeResult>.Refuse($"git could not fetch '{wanted}' from '{locator.Redacted}': {fetch.Reason}");
        }
        var target = request.Commit ?? "FETCH_HEAD^{commit}";
        var switched = await git.RunAsync(checkout, "checkout", "-q", "--detach", target).ConfigureAwait(false);
        if (!switched.Succeeded)
        {
            return Checked<IntakeResult>.Refuse($"git could not check out '{request.Commit ?? wanted}' of '{locator.Redacted}': {switched.Reason}");
        }
        var head = (await git.RunAsync(checkout, "rev-parse", "HEAD").ConfigureAwait(false)).Output.Trim();
        var count = (await git.RunAsync(checkout, "rev-list", "--count", "HEAD").ConfigureAwait(false)).Output.Trim();

        var result = new IntakeResult
        {
            ResolvedCommit = head,
            Git = new GitDetails(request.Depth, int.TryParse(count, CultureInfo.InvariantCulture, out var n) ? n : 0, request.Submodules),
        };
        if (request.Submodules)
        {
            var refused = await FetchSubmodulesAsync(git, checkout, localRoot, depth, 1, cancellationToken).ConfigureAwait(false);
            if (refused is not null)
            {
                return Checked<IntakeResult>.Refuse($"submodules of '{locator.Redacted}': {refused}");
            }
        }
        string[] recurse = request.Submodules ? ["--recurse-submodules"] : [];
        var listing = await git.RunAsync(checkout, ["ls-files", "-s", "-z", .. recurse]).ConfigureAwait(false);
        if (!listing.Succeeded)
        {
            throw new InvalidOperationException($"git ls-files failed: {listing.Reason}");
        }
        var error = Collect(listing.Output, checkout, result);
        return error is null ? result : Checked<IntakeResult>.Refuse(error);
    }

    private string? Collect(string listing, string checkout, IntakeResult result)
    {
        var realRoot = RealPath.Resolve(checkout) ?? checkout;
        var budget = new FileBudget(options);
        foreach (var line in listing.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            // "<mode> <object> <stage>\t<path>"
            var tab = line.IndexOf('\t');
            var mode = line[..line.IndexOf(' ')];
            var path = line[(tab + 1)..];
            var local = Path.Combine(realRoot, path);
            if (SourcePath.Check(path, options, undecodable: path.Contains('\uFFFD', StringComparison.Ordinal) && !SourcePath.Addressable(local)) is { } refused)
            {
                return refused;
            }
            switch (mode)
            {
                case "160000":
                    result.Warnings.Add($"submodule '{path}' not fetched (Submodules is off)");
                    continue;
                case "120000":
                    var target = LocalLinks.Resolve(local, path, realRoot, result.Warnings);
                    if (target.Failed)
                    {
                        return target.Error;
                    }
                    if (target.Value is null)
                    {
                        continue;
                    }
                    local = target.Value;
                    break;
            }
            if (budget.Add(path, new FileInfo(local).Length) is { } over)
            {
                return over;
            }
            result.Files.Add(new CollectedFile(path, local, mode == "100755"));
        }
        return null;
    }

    /// <summary>Fetches submodules one level at a time (not <c>--recursive</c>), so that the URLs of nested
    /// submodules pass the same checks as the top level's before git contacts them.</summary>
    private async Task<string?> FetchSubmodulesAsync(GitRunner git, string folder, string? localRemote, string[] depth, int level, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(folder, ".gitmodules")))
        {
            return null;
        }
        if (level > MaxSubmoduleLevels)
        {
            return $"nested deeper than {MaxSubmoduleLevels} levels";
        }
        if (await CheckSubmodulesAsync(git, folder, localRemote, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        var update = await git.RunAsync(folder, ["submodule", "update", "--init", .. depth]).ConfigureAwait(false);
        if (!update.Succeeded)
        {
            return $"git could not fetch them: {update.Reason}";
        }
        var paths = await git.RunAsync(folder, "config", "-f", ".gitmodules", "--get-regexp", @"^submodule\..*\.path$").ConfigureAwait(false);
        foreach (var line in paths.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var submodule = Path.Combine(folder, line[(line.IndexOf(' ') + 1)..].Trim());
            if (!Path.Exists(Path.Combine(submodule, ".git")))
            {
                continue;
            }
            // Relative URLs inside a submodule are relative to that submodule's own remote.
            string? nestedRemote = null;
            if (localRemote is not null)
            {
                var url = (await git.RunAsync(submodule, "config", "remote.origin.url").ConfigureAwait(false)).Output.Trim();
                nestedRemote = url.StartsWith("file://", StringComparison.Ordinal) ? new Uri(url).LocalPath : url;
            }
            if (await FetchSubmodulesAsync(git, submodule, nestedRemote, depth, level + 1, cancellationToken).ConfigureAwait(false) is { } nested)
            {
                return nested;
            }
        }
        return null;
    }

    /// <summary>Applies the source policies to every submodule URL before git fetches any: remote hosts must pass
    /// <see cref="HostGuard"/>, local paths (also relative ones of a local source) the allowed file roots.</summary>
    private async Task<string?> CheckSubmodulesAsync(GitRunner git, string folder, string? localRoot, CancellationToken cancellationToken)
    {
        var urls = await git.RunAsync(folder, "config", "-f", ".gitmodules", "--get-regexp", @"^submodule\..*\.url$").ConfigureAwait(false);
        foreach (var line in urls.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var url = line[(line.IndexOf(' ') + 1)..].Trim();
            if (url.StartsWith("./", StringComparison.Ordinal) || url.StartsWith("../", StringComparison.Ordinal))
            {
                // Relative to the remote: the same host for a remote source, a folder on this machine for a local one.
                if (localRoot is not null && FileAccessPolicy.Check(Path.GetFullPath(url, localRoot), options) is { Failed: true } relative)
                {
                    return relative.Error;
                }
                continue;
            }
            var locator = SourceLocator.Parse(url);
            if (locator.Failed)
            {
                return $"URL: {locator.Error}";
            }
            if (locator.Value!.IsRemote)
            {
                var host = await guard.ResolveAsync(locator.Value.Url!.Host, cancellationToken).ConfigureAwait(false);
                if (host.Failed)
                {
                    return $"'{locator.Value.Redacted}': {host.Error}";
                }
            }
            else if (FileAccessPolicy.Check(locator.Value.LocalPath!, options) is { Failed: true } local)
            {
                return local.Error;
            }
        }
        return null;
    }

    private async Task<Checked<PinnedRemote>> PinRemoteAsync(SourceLocator locator, string? localRoot, CancellationToken cancellationToken)
    {
        if (localRoot is not null)
        {
            // file:// rather than a plain path, so that git honours --depth for local sources too.
            return new PinnedRemote(new Uri(localRoot).AbsoluteUri, [], []);
        }
        var url = locator.Url!;
        var addresses = await guard.ResolveAsync(url.Host, cancellationToken).ConfigureAwait(false);
        if (addresses.Failed)
        {
            return Checked<PinnedRemote>.Refuse(addresses.Error!);
        }
        var pinned = addresses.Value!;
        var literalHost = url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6;
        var (remote, secrets) = WithoutUserInfo(locator.Raw, url);
        return url.Scheme switch
        {
            _ when literalHost => new PinnedRemote(remote, [], secrets),
            "http" or "https" => new PinnedRemote(remote,
                [$"http.curloptResolve={url.IdnHost}:{url.Port}:{string.Join(',', pinned.Select(Literal))}"], secrets),
            "git" => new PinnedRemote(new UriBuilder(url) { Host = pinned[0].ToString() }.Uri.AbsoluteUri, [], []),
            _ => new PinnedRemote(locator.Raw, [], []),
        };
    }

    /// <summary>
    /// An http(s) URL's user and password as a Basic authorization header for that host only, handed to git through its
    /// environment (<c>GIT_CONFIG_*</c>) rather than its command line, which any local user can read in the process list.
    /// </summary>
    private static (string Url, IReadOnlyList<KeyValuePair<string, string>> Secrets) WithoutUserInfo(string raw, Uri url)
    {
        if (url.Scheme is not ("http" or "https") || url.UserInfo.Length == 0)
            return (raw, []);
        var colon = url.UserInfo.IndexOf(':');
        var user = Uri.UnescapeDataString(colon < 0 ? url.UserInfo : url.UserInfo[..colon]);
        var password = colon < 0 ? "" : Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]);
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(user + ":" + password));
        var clean = new UriBuilder(url) { UserName = "", Password = "" }.Uri.AbsoluteUri;
        return (clean, [new($"http.{url.Scheme}://{url.Authority}/.extraHeader", "Authorization: Basic " + basic)]);
    }

    private static string Literal(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    [GeneratedRegex(@"^(?!-)(?!.*\.\.)(?!.*@\{)[^\x00-\x20~^:?*\[\\\x7f]+(?<!\.lock)(?<![/.])$")]
    private static partial Regex SafeRef();

    [GeneratedRegex("^[0-9a-fA-F]{4,64}$")]
    private static partial Regex CommitId();

    private sealed record PinnedRemote(string Url, IReadOnlyList<string> Config, IReadOnlyList<KeyValuePair<string, string>> Secrets);
}
