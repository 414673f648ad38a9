using Microsoft.Extensions.Options;
using Noa.Credentials;
using Noa.EventBus.Redis;
using StackExchange.Redis;

namespace Noa.Conformance;

/// <summary>The Redis bus reads its password through the one secret-file reader: never inline, and again at reconnect.</summary>
public sealed class RedisSecretFileTests(RedisBusFixture fixture, ITestOutputHelper output)
    : ConformanceSuite<RedisBusFixture>(fixture, output), IDisposable
{
    private readonly TempFolder _secrets = new("noa-redis-secret");

    [Fact]
    public async Task Create_PasswordInTheConnectionString_IsRefusedWithoutShowingIt()
    {
        await using var connector = new RedisConnector(Options.Create(new RedisBusSettings { ConnectionString = "127.0.0.1:6379,password=hunter2" }));

        var error = Assert.Throws<SecretFileException>(() => connector.Configuration("noa-bus"));

        Assert.Contains("PasswordFile", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public async Task Reconnect_AfterThePasswordFileRotates_AuthenticatesWithTheNewPassword()
    {
        RequireServer();
        // An ACL user of its own on the shared server: the default user and every other test are left alone.
        var user = Unique("noa-test-user");
        await using var admin = await ConnectionMultiplexer.ConnectAsync(RedisBusFixture.Address + ",allowAdmin=true");
        var db = admin.GetDatabase();
        await db.ExecuteAsync("ACL", "SETUSER", user, "on", ">first-password-1", "~*", "&*", "+@all");
        try
        {
            var file = _secrets.Next("password");
            await File.WriteAllTextAsync(file, "first-password-1\n");
            await using var connector = new RedisConnector(Options.Create(new RedisBusSettings
            {
                ConnectionString = RedisBusFixture.Address, User = user, PasswordFile = file,
            }));
            var bus = await connector.DatabaseAsync();
            Assert.Equal(user, (string?)await bus.ExecuteAsync("ACL", "WHOAMI"));

            await db.ExecuteAsync("ACL", "SETUSER", user, "resetpass", ">second-password-2");
            await File.WriteAllTextAsync(file, "second-password-2\n");
            await db.ExecuteAsync("CLIENT", "KILL", "USER", user);

            // A failed AUTH leaves a connection as the password-less default user of this server, so who the reconnected
            // connection is tells whether the new password was sent. Control: the old one no longer makes us the user.
            Assert.Equal("default", await WhoAmIAsync(user, "first-password-1"));
            string? who = null;
            for (var attempt = 0; attempt < 40 && who != user; attempt++)
            {
                try
                {
                    who = (string?)await bus.ExecuteAsync("ACL", "WHOAMI");
                }
                catch (RedisConnectionException)
                {
                    await Task.Delay(250);
                }
            }
            Assert.Equal(user, who);
        }
        finally
        {
            await db.ExecuteAsync("ACL", "DELUSER", user);
        }
    }

    private static async Task<string?> WhoAmIAsync(string user, string password)
    {
        var config = ConfigurationOptions.Parse(RedisBusFixture.Address);
        (config.User, config.Password) = (user, password);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(config);
        return (string?)await connection.GetDatabase().ExecuteAsync("ACL", "WHOAMI");
    }

    public void Dispose() => _secrets.Dispose();
}
