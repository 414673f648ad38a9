using Noa.Abstractions.Env;

namespace Noa.Stages.Env.Files;

/// <summary>Secret names: the variable in lower case is the file name under <c>/run/secrets</c> (the entrypoint maps it back).</summary>
internal static class Secrets
{
    public static string FileName(string variable) => variable.ToLowerInvariant();

    public static IEnumerable<EnvVariable> Of(AppPlan plan) => plan.Env.Where(e => e.Secret);

    public static IEnumerable<EnvVariable> Plain(AppPlan plan) => plan.Env.Where(e => !e.Secret);
}
