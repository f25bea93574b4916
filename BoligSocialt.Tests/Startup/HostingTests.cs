using System.Net;
using System.Text.RegularExpressions;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Referrals;
using BoligSocialt.Domain.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BoligSocialt.Tests.Startup;

/// <summary>Starts the real app (Program) in memory, on a database file of its own.</summary>
internal sealed class AppHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _root = new();

    public WebApplicationFactory<Program> Factory { get; }

    public AppHost(string environment, string databaseFile, bool azureAd)
    {
        Factory = _root.WithWebHostBuilder(b =>
        {
            b.UseEnvironment(environment);
            b.UseSetting("ConnectionStrings:Default", $"Data Source={databaseFile}");
            if (azureAd)
            {
                b.UseSetting("AzureAd:Instance", "https://login.microsoftonline.com/");
                b.UseSetting("AzureAd:TenantId", Guid.NewGuid().ToString());
                b.UseSetting("AzureAd:ClientId", Guid.NewGuid().ToString());
                b.UseSetting("AzureAd:ClientSecret", "x");
                b.UseSetting("AzureAd:CallbackPath", "/signin-oidc");
            }
        });
    }

    public HttpClient Client() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public AppDbContext Db() => Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _root.DisposeAsync();
    }
}

public sealed class ProductionHostingTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _folder.DisposeAsync();

    private static StartupException? StartupError(Exception? e) => e switch
    {
        null => null,
        StartupException s => s,
        AggregateException a => a.InnerExceptions.Select(StartupError).FirstOrDefault(s => s is not null),
        _ => StartupError(e.InnerException),
    };

    [Fact]
    public async Task Production_without_AzureAd_refuses_to_start_and_says_why()
    {
        await using var host = new AppHost("Production", _folder.File("app.db"), azureAd: false);
        var standardError = new StringWriter();
        var original = Console.Error;
        Exception? error;
        Console.SetError(standardError);
        try
        {
            error = Record.Exception(() => host.Client());
        }
        finally
        {
            Console.SetError(original);
        }

        // Program catches the StartupException, prints it and exits with 1 before a host is built; the test host then
        // reports only that the entry point exited. The message the operator sees is on standard error.
        Assert.NotNull(error);
        var startup = StartupError(error);
        var message = startup?.Message ?? standardError.ToString();
        Assert.Contains("AzureAd", message);
        Assert.Contains("Log-ind er ikke sat op", message);
        Assert.False(File.Exists(_folder.File("app.db")), "the database was touched although the app did not start");
    }

    [Fact]
    public async Task Production_with_AzureAd_has_no_development_sign_in()
    {
        await using var host = new AppHost("Production", _folder.File("app.db"), azureAd: true);
        using var client = host.Client();

        var schemes = await host.Factory.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetAllSchemesAsync();
        Assert.DoesNotContain(schemes, s => s.Name == SignIn.DevelopmentScheme);
        var endpoints = host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        Assert.DoesNotContain(endpoints, e => e.RoutePattern.RawText?.TrimStart('/') == SignIn.DevelopmentPath.TrimStart('/'));
        Assert.Contains(endpoints, e => e.RoutePattern.RawText?.TrimStart('/') == SignIn.SignOutPath.TrimStart('/'));
    }

    [Fact]
    public async Task Production_with_AzureAd_does_not_serve_the_development_sign_in_page()
    {
        await using var host = new AppHost("Production", _folder.File("app.db"), azureAd: true);
        using var client = host.Client();

        var response = await client.GetAsync(SignIn.DevelopmentPath);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Ikke fundet", body);
        Assert.DoesNotContain("Log ind som", body);
    }

    [Fact]
    public async Task Production_with_AzureAd_challenges_an_anonymous_visitor()
    {
        await using var host = new AppHost("Production", _folder.File("app.db"), azureAd: true);
        using var client = host.Client();

        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync("/");
        }
        catch (InvalidOperationException offline) when (offline.Message.Contains("openid-configuration", StringComparison.Ordinal))
        {
            // Without network the challenge cannot fetch Entra ID's metadata: a real server answers 500, and no page is shown.
            Assert.Contains("login.microsoftonline.com", offline.Message);
            return;
        }
        var body = await response.Content.ReadAsStringAsync();

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Goddag", body);
        if (response.StatusCode == HttpStatusCode.Redirect)
            Assert.Equal("login.microsoftonline.com", response.Headers.Location?.Host);
    }

    // The callback has no endpoint: the 404 for unknown URLs must not swallow it.
    [Fact]
    public async Task Production_with_AzureAd_lets_the_sign_in_callback_reach_Entra_ID_handling()
    {
        await using var host = new AppHost("Production", _folder.File("app.db"), azureAd: true);
        using var client = host.Client();

        HttpResponseMessage response;
        try
        {
            response = await client.PostAsync("/signin-oidc", new FormUrlEncodedContent(new Dictionary<string, string> { ["state"] = "x" }));
        }
        catch (Exception handled) when (handled.Message.Contains("login.microsoftonline.com", StringComparison.Ordinal)
                                        || handled is AuthenticationFailureException)
        {
            // The OpenID Connect handler took the request (and, offline, could not complete it): not a 404.
            return;
        }

        Assert.NotEqual(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Starting_twice_on_the_same_database_does_not_add_demo_data_again()
    {
        var file = _folder.File("dev.db");
        await using (var first = new AppHost("Development", file, azureAd: false))
        {
            first.Client().Dispose();
        }

        await using var second = new AppHost("Development", file, azureAd: false);
        second.Client().Dispose();

        await using var db = second.Db();
        Assert.Equal(9, await db.StaffMembers.CountAsync());
        Assert.Equal(60, await db.Residents.CountAsync());
        Assert.Equal(60, await db.Referrals.CountAsync());
    }
}

/// <summary>One Development app with its demo data, shared by the tests of a class; its development sign-in.</summary>
public sealed partial class DevelopmentApp : IAsyncLifetime
{
    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]+)"|<input[^>]*value="([^"]+)"[^>]*name="__RequestVerificationToken" """)]
    private static partial Regex AntiforgeryToken();

    private readonly TempFolder _folder = new();
    private AppHost? _host;

    internal AppHost Host => _host!;

    public Task InitializeAsync()
    {
        _host = new AppHost("Development", _folder.File("dev.db"), azureAd: false);
        _host.Client().Dispose(); // starts the app: migrations, catalogue, demo data
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        await _folder.DisposeAsync();
    }

    /// <summary>A client signed in as the demo staff member of that name.</summary>
    public async Task<HttpClient> SignedInClientAsync(string name)
    {
        Guid staffId;
        await using (var db = Host.Db())
            staffId = await db.StaffMembers.Where(s => s.Name == name).Select(s => s.Id).SingleAsync();
        var client = Host.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, staffId)).StatusCode);
        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, Guid staffId, string returnUrl = "/")
    {
        var page = await (await client.GetAsync(SignIn.DevelopmentPath)).Content.ReadAsStringAsync();
        var match = AntiforgeryToken().Match(page);
        Assert.True(match.Success, "no antiforgery token on the sign-in page");
        var token = WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value);
        return await client.PostAsync(SignIn.DevelopmentPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["staffMemberId"] = staffId.ToString(),
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = token,
        }));
    }
}

public sealed class DevelopmentHostingTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);

    [Fact]
    public async Task Development_sign_in_page_offers_every_demo_staff_member()
    {
        using var client = app.Host.Client();

        var response = await client.GetAsync(SignIn.DevelopmentPath);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = app.Host.Db();
        var names = await db.StaffMembers.Where(s => s.IsActive).Select(s => s.Name).ToListAsync();
        Assert.Equal(9, names.Count);
        Assert.Equal(9, Regex.Matches(body, "Log ind som").Count);
        Assert.All(names, name => Assert.Contains($"Log ind som {name}", body));
    }

    [Fact]
    public async Task Development_sends_an_anonymous_visitor_to_the_sign_in_page()
    {
        using var client = app.Host.Client();

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(SignIn.DevelopmentPath, response.Headers.Location?.AbsolutePath ?? response.Headers.Location?.OriginalString.Split('?')[0]);
    }

    [Fact]
    public async Task A_staff_member_deactivated_after_signing_in_is_signed_out_at_the_next_request()
    {
        using var client = app.Host.Client();
        StaffMember staff;
        await using (var db = app.Host.Db())
        {
            staff = new StaffMember("Snart Deaktiveret", null, StaffRoles.Mentor, (await db.Teams.FirstAsync()).Id);
            db.StaffMembers.Add(staff);
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }
        await DevelopmentApp.SignInAsync(client, staff.Id);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        await using (var db = app.Host.Db())
        {
            (await db.StaffMembers.SingleAsync(s => s.Id == staff.Id)).Deactivate();
            db.AuditActor = "test";
            await db.SaveChangesAsync();
        }
        var after = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith(SignIn.DevelopmentPath, after.Headers.Location?.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Development_sign_in_opens_the_start_page_and_is_audited()
    {
        using var client = app.Host.Client();
        Guid staffId;
        await using (var db = app.Host.Db())
            staffId = await db.StaffMembers.Where(s => s.Name == "Ahmed Hassan").Select(s => s.Id).SingleAsync();

        var signIn = await DevelopmentApp.SignInAsync(client, staffId);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);

        var start = await client.GetAsync("/");
        var body = WebUtility.HtmlDecode(await start.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Contains("Goddag, Ahmed Hassan", body);
        await using var check = app.Host.Db();
        Assert.True(await check.AuditEntries.AnyAsync(a =>
            a.Action == AuditAction.SignIn && a.EntityType == "StaffMember" && a.EntityId == staffId.ToString() && a.Actor == staffId.ToString()));
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/x")]
    [InlineData("/\\evil.example")]
    public async Task Development_sign_in_never_redirects_off_the_site(string returnUrl)
    {
        using var client = app.Host.Client();
        Guid staffId;
        await using (var db = app.Host.Db())
            staffId = await db.StaffMembers.Where(s => s.Name == "Mette Lund").Select(s => s.Id).SingleAsync();
        var signIn = await DevelopmentApp.SignInAsync(client, staffId, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Development_sign_in_without_the_antiforgery_token_is_refused()
    {
        using var client = app.Host.Client();
        Guid staffId;
        await using (var db = app.Host.Db())
            staffId = await db.StaffMembers.Where(s => s.Name == "Sofie Nielsen").Select(s => s.Id).SingleAsync();

        var signIn = await client.PostAsync(SignIn.DevelopmentPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["staffMemberId"] = staffId.ToString(),
        }));

        Assert.NotEqual(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task Demo_staff_cover_all_six_roles_in_both_teams()
    {
        await using var db = app.Host.Db();
        var staff = await db.StaffMembers.ToListAsync();

        Assert.Equal(9, staff.Count);
        var roles = staff.Aggregate(StaffRoles.None, (all, s) => all | s.Roles);
        Assert.All(StaffRoleNames.All, role => Assert.True(roles.HasFlag(role), $"no {role}"));
        Assert.Equal(2, staff.Where(s => s.TeamId is not null).Select(s => s.TeamId).Distinct().Count());
        Assert.All(staff.Where(s => s.Has(StaffRoles.Mentor | StaffRoles.Counsellor | StaffRoles.TeamLeader | StaffRoles.Head)),
            s => Assert.NotNull(s.TeamId));
    }

    [Fact]
    public async Task Demo_data_has_sixty_residents_with_referrals_in_every_status()
    {
        await using var db = app.Host.Db();

        Assert.Equal(60, await db.Residents.CountAsync());
        var statuses = await db.Referrals.Select(r => r.Status).Distinct().ToListAsync();
        Assert.Equal(Enum.GetValues<ReferralStatus>().Order(), statuses.Order());
    }

    [Fact]
    public async Task Demo_data_has_cases_in_every_status_and_outcomes()
    {
        await using var db = app.Host.Db();

        var statuses = await db.Cases.Select(c => c.Status).Distinct().ToListAsync();
        Assert.Equal(Enum.GetValues<CaseStatus>().Order(), statuses.Order());
        Assert.True(await db.Outcomes.AnyAsync());
    }

    [Fact]
    public async Task Demo_logbook_covers_the_last_twelve_months()
    {
        await using var db = app.Host.Db();
        var dates = await db.LogbookEntries.Select(e => e.Date).ToListAsync();

        Assert.NotEmpty(dates);
        Assert.All(dates, d => Assert.InRange(d, Today.AddYears(-1), Today));
        Assert.True(dates.Any(d => d >= Today.AddMonths(-1)), "no entry in the last month");
        Assert.True(dates.Any(d => d < Today.AddMonths(-6)), "no entry older than six months");
    }
}
