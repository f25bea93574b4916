using System.Net;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.Tests.Startup;

/// <summary>Two app instances on one database, as behind a load balancer: a sign-in on one is good on the other.</summary>
public sealed class MultiInstanceTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private AppHost _first = null!;
    private AppHost _second = null!;

    public Task InitializeAsync()
    {
        _first = new AppHost("Development", _folder.File("shared.db"), azureAd: false);
        _first.Client().Dispose();
        _second = new AppHost("Development", _folder.File("shared.db"), azureAd: false);
        _second.Client().Dispose();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _folder.DisposeAsync();
    }

    [Fact]
    public async Task The_sign_in_cookie_of_one_instance_is_accepted_by_the_other_with_keys_from_the_database()
    {
        Guid staffId;
        await using (var db = _first.Db())
            staffId = await db.StaffMembers.Where(s => s.Name == "Ahmed Hassan").Select(s => s.Id).SingleAsync();
        using var first = _first.Client();
        var signIn = await DevelopmentApp.SignInAsync(first, staffId);
        var cookies = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]);

        using var second = _second.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/logbog");
        request.Headers.Add("Cookie", string.Join("; ", cookies));
        var response = await second.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var check = _second.Db();
        Assert.Equal(1, await check.DataProtectionKeys.CountAsync());
    }
}
