using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Noa.Workflows.Tests;

/// <summary>
/// Wraps a port so that, once <see cref="Freeze"/> is called, every call hangs forever: what a process killed with
/// SIGKILL looks like to the servers (it never writes, publishes or acknowledges again), inside one test process.
/// Until then it passes calls through and counts them.
/// </summary>
internal sealed class Freezer
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private volatile bool _frozen;

    public void Freeze() => _frozen = true;

    /// <summary>How often a method of that name was called before the freeze.</summary>
    public int Calls(string method) => _calls.GetValueOrDefault(method);

    public T Wrap<T>(T inner) where T : class
    {
        var proxy = DispatchProxy.Create<T, FreezingProxy<T>>();
        ((FreezingProxy<T>)(object)proxy).Attach(inner, this);
        return proxy;
    }

    internal bool IsFrozen => _frozen;

#pragma warning disable CA1812 // created by DispatchProxy
    internal class FreezingProxy<T> : DispatchProxy where T : class
#pragma warning restore CA1812
    {
        private T? _inner;
        private Freezer? _freezer;

        internal void Attach(T inner, Freezer freezer) => (_inner, _freezer) = (inner, freezer);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (_freezer!.IsFrozen)
                return Never(targetMethod.ReturnType);
            _freezer._calls.AddOrUpdate(targetMethod.Name, 1, (_, n) => n + 1);
            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                ExceptionDispatchInfo.Throw(e.InnerException);
                throw;
            }
        }

        private static object Never(Type type)
        {
            if (type == typeof(Task))
                return new TaskCompletionSource().Task;
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
            {
                var source = Activator.CreateInstance(typeof(TaskCompletionSource<>).MakeGenericType(type.GetGenericArguments()))!;
                return source.GetType().GetProperty(nameof(TaskCompletionSource.Task))!.GetValue(source)!;
            }
            throw new InvalidOperationException($"A frozen process cannot return a {type.Name}.");
        }
    }
}
