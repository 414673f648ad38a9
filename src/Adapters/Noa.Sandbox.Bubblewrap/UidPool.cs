namespace Noa.Sandbox.Bubblewrap;

/// <summary>
/// Hands each running sandbox its own unprivileged host user id, so two sandboxes never share an owner of files or
/// processes on the host, and no sandbox runs as a real user.
/// </summary>
internal sealed class UidPool(int first, int count)
{
    private readonly HashSet<int> _taken = [];
    private int _next;

    public int Rent()
    {
        lock (_taken)
        {
            if (_taken.Count >= count)
                throw new InvalidOperationException($"All {count} sandbox host user ids from {first} are in use (Noa:Capsule:Sandbox:HostUidCount).");
            while (true)
            {
                var uid = first + _next;
                _next = (_next + 1) % count;
                if (_taken.Add(uid))
                    return uid;
            }
        }
    }

    public void Return(int uid)
    {
        lock (_taken)
            _taken.Remove(uid);
    }
}
