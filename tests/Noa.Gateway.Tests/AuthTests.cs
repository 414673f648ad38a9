using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Noa.Gateway.Tests;

public sealed class AuthTests
{
    [Fact]
    public async Task Calls_WithoutValidKey_Get401_WrongScope403_RevokedKey401()
    {
        await using var host = await GatewayHost.StartAsync(workers: false);

        using (var anonymous = host.Client())
        {
            var missing = await anonymous.GetAsync("/runs");
            await Problem.AssertAsync(missing, HttpStatusCode.Unauthorized, "unauthorized");
            Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
        }
        using (var forged = host.Client("noa_admin1_not-the-secret-at-all-but-long-enough-xxxxxxxx"))
            await Problem.AssertAsync(await forged.GetAsync("/runs"), HttpStatusCode.Unauthorized, "unauthorized");
        using (var garbage = host.Client("hello"))
            await Problem.AssertAsync(await garbage.GetAsync("/runs"), HttpStatusCode.Unauthorized, "unauthorized");

        var (id, key) = await host.CreateKeyAsync("runs:read");
        using var reader = host.Client(key, bearer: false);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/runs")).StatusCode);
        var forbidden = await reader.PostAsJsonAsync("/digest", new { source = "/tmp" });
        var problem = await Problem.AssertAsync(forbidden, HttpStatusCode.Forbidden, "forbidden");
        Assert.Contains("digest:write", problem.GetProperty("detail").GetString());
        await Problem.AssertAsync(await reader.GetAsync("/admin/keys"), HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal(HttpStatusCode.NoContent, (await host.Admin.DeleteAsync($"/admin/keys/{id}")).StatusCode);
        await Problem.AssertAsync(await reader.GetAsync("/runs"), HttpStatusCode.Unauthorized, "unauthorized");
        var keys = await host.Admin.GetFromJsonAsync<JsonElement>("/admin/keys");
        var listed = keys.EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);
        Assert.True(listed.TryGetProperty("revokedAt", out _));
        Assert.False(listed.TryGetProperty("secretHash", out _), listed.ToString());
        Assert.DoesNotContain(key[("noa_".Length + id.Length + 1)..], keys.ToString()); // the secret is shown once, at creation
        await Problem.AssertAsync(await host.Admin.DeleteAsync("/admin/keys/nosuchkey"), HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("noa_abc_secret", true, "abc", "secret")]
    [InlineData("noa_abc_sec_ret", true, "abc", "sec_ret")]
    [InlineData("noa__secret", false, "", "")]
    [InlineData("noa_abc_", false, "", "")]
    [InlineData("noa_ABC_secret", false, "", "")]
    [InlineData("abc_secret", false, "", "")]
    public void TryParse_SplitsIdAndSecret(string presented, bool ok, string id, string secret)
    {
        Assert.Equal(ok, ApiKeySecret.TryParse(presented, out var parsedId, out var parsedSecret));
        if (ok)
            Assert.Equal((id, secret), (parsedId, parsedSecret));
    }

    [Fact]
    public void Matches_ComparesHashOfSecret()
    {
        var secret = ApiKeySecret.NewSecret();
        var hash = ApiKeySecret.Hash(secret);
        Assert.True(ApiKeySecret.Matches(secret, hash));
        Assert.False(ApiKeySecret.Matches(secret + "x", hash));
        Assert.False(ApiKeySecret.Matches(secret, "not-hex"));
        Assert.Equal(43, secret.Length);
    }
}
