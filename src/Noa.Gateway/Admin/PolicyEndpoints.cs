using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Noa.Abstractions;

namespace Noa.Gateway;

/// <summary>
/// <c>/admin/policies</c>: named JSON policy documents in the metadata store. The gateway checks only that a
/// document is a JSON object; what a policy may say is validated by the Safety stage when it arrives.
/// </summary>
internal static partial class PolicyEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/policies", ListAsync).WithName("ListPolicies").WithSummary("Policy names and when they changed");
        admin.MapGet("/policies/{name}", GetAsync).WithName("GetPolicy").WithSummary("A policy document")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(404);
        admin.MapPut("/policies/{name}", PutAsync).WithName("PutPolicy").WithSummary("Create or replace a policy document")
            .WithDescription("The body must be a JSON object. Its content is not validated yet: the Safety stage brings the policy schema.")
            .Accepts<JsonElement>("application/json").Produces<PolicyView>()
            .ProducesValidationProblem().ProducesProblem(413).ProducesProblem(415);
    }

    private static async Task<Ok<IReadOnlyList<PolicyView>>> ListAsync(IPolicyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<PolicyView>>([.. (await store.ListPoliciesAsync(cancellationToken)).Select(p => new PolicyView(p.Name, p.UpdatedAt, p.UpdatedBy))]);

    private static async Task<IResult> GetAsync(string name, IPolicyStore store, CancellationToken cancellationToken) =>
        await store.GetPolicyAsync(name, cancellationToken) is { } policy
            ? TypedResults.Text(policy.Content, "application/json")
            : Problems.Of(404, "Policy not found", $"There is no policy '{name}'.");

    private static async Task<IResult> PutAsync(string name, HttpContext context, IPolicyStore store, TimeProvider time)
    {
        if (!PolicyName().IsMatch(name))
            return Problems.Invalid("name", "must be kebab-case, 1 to 64 characters");
        // Fail closed: a policy nobody checked is never stored.
        if (context.RequestServices.GetService<IPolicyValidator>() is not { } validator)
            return Problems.Of(503, "Policies cannot be checked", "This gateway has no policy validator (the Safety stage's AddSafetyPolicyValidator), so it stores no policy.");
        var (document, problem) = await JsonBody.ReadAsync<JsonDocument>(context.Request, GatewayJson.Bodies);
        if (problem is not null)
            return problem;
        using (document)
        {
            if (document!.RootElement.ValueKind != JsonValueKind.Object)
                return Problems.Invalid("body", "must be a JSON object");
            // Every problem at once (schemas/policy.schema.json), by the parser the Safety stage judges with.
            if (validator.Validate(document.RootElement.GetRawText(), $"policy '{name}'") is { Count: > 0 } problems)
                return Problems.Invalid("body", string.Join("; ", problems));
            var policy = new PolicyDocument(name, document.RootElement.GetRawText(), time.GetUtcNow(), context.Features.GetRequiredFeature<ApiCaller>().KeyId);
            await store.SavePolicyAsync(policy, context.RequestAborted);
            return TypedResults.Ok(new PolicyView(policy.Name, policy.UpdatedAt, policy.UpdatedBy));
        }
    }

    [GeneratedRegex("^(?=.{1,64}$)[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex PolicyName();
}
