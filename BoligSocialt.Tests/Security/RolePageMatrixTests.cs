using System.Reflection;
using System.Security.Claims;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Components;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using RouteAttribute = Microsoft.AspNetCore.Components.RouteAttribute;

namespace BoligSocialt.Tests.Security;

/// <summary>
/// Who may open which page, written out as a table and checked against every <c>@page</c> of the app, evaluated the
/// way the endpoint evaluates it: the page's authorize data combined into one policy, or the fallback policy when the
/// page says nothing. A new page without a row fails the completeness check, so its access is decided on purpose.
/// </summary>
public sealed class RolePageMatrixTests
{
    private const string Mentor = "Mentor";
    private const string Counsellor = "Counsellor";
    private const string TeamLeader = "TeamLeader";
    private const string Head = "Head";
    private const string Analyst = "Analyst";
    private const string Administrator = "Administrator";
    /// <summary>Signed in (e.g. through Entra ID) but matched to no staff member: no staff claim, no role.</summary>
    private const string SignedInWithoutStaff = "signed in without staff record";
    private const string RoleWithoutStaff = "a role from Entra ID but no staff record";
    private const string Anonymous = "anonymous";

    private static readonly string[] StaffRoles = [Mentor, Counsellor, TeamLeader, Head, Analyst, Administrator];
    private static readonly string[] Users = [.. StaffRoles, SignedInWithoutStaff, RoleWithoutStaff, Anonymous];
    private static readonly string[] CaseWork = [Mentor, Counsellor, TeamLeader, Head];

    /// <summary>
    /// Route template → who may open it. Every page needs a signed-in staff member except "/ikke-fundet", "/ingen-adgang" and
    /// "/fejl", which are <c>[AllowAnonymous]</c> on purpose: an unknown URL answers 404 to everyone, someone signed in without
    /// a staff record must be able to read that they have no access, and an error is shown to whoever met it. None shows data.
    /// </summary>
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["/"] = StaffRoles,
        ["/beboere"] = CaseWork,
        ["/beboere/ny"] = CaseWork,
        ["/beboere/{Id:guid}"] = CaseWork,
        ["/beboere/{Id:guid}/rediger"] = CaseWork,
        ["/beboere/sammenlaeg"] = [TeamLeader, Head, Administrator],
        ["/forloeb/{Id:guid}"] = CaseWork,
        ["/henvisninger/ny"] = CaseWork,
        ["/henvisninger/{Id:guid}"] = CaseWork,
        ["/gruppeforloeb"] = CaseWork,
        ["/gruppeforloeb/{Id:guid}"] = CaseWork,
        ["/logbog"] = CaseWork,
        ["/logbog/import"] = [TeamLeader, Head, Administrator],
        ["/fordeling"] = [TeamLeader, Head],
        ["/team"] = [TeamLeader, Head],
        ["/leverancemaaling"] = [Analyst, TeamLeader, Head],
        ["/admin/medarbejdere"] = [Administrator],
        ["/admin/aktiviteter"] = [Administrator],
        ["/admin/helhedsplaner"] = [Administrator],
        ["/admin/referencetal"] = [Administrator],
        ["/admin/revision"] = [Administrator],
        ["/admin/opbevaring"] = [Administrator],
        ["/ingen-adgang"] = Users,
        ["/ikke-fundet"] = Users,
        ["/fejl"] = Users,
    };

    /// <summary>Every routable component of the app: one entry per <c>@page</c> directive.</summary>
    private static IReadOnlyList<(string Template, Type Page)> RoutablePages() =>
        typeof(Program).Assembly.GetExportedTypes()
            .Concat(typeof(Program).Assembly.GetTypes())
            .Distinct()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>(inherit: false).Select(r => (r.Template, t)))
            .OrderBy(p => p.Template, StringComparer.Ordinal)
            .ToList();

    public static TheoryData<string, string> PagesAndUsers()
    {
        var data = new TheoryData<string, string>();
        foreach (var (template, _) in RoutablePages())
            foreach (var user in Users)
                data.Add(template, user);
        return data;
    }

    [Theory]
    [MemberData(nameof(PagesAndUsers))]
    public async Task Page_admits_exactly_the_users_of_its_row(string template, string user)
    {
        Assert.True(Expected.TryGetValue(template, out var allowed), $"Page {template} has no row in the role × page table: add one");
        var page = RoutablePages().Single(p => p.Template == template).Page;

        var admitted = await AdmitsAsync(page, Principal(user));

        Assert.True(admitted == allowed.Contains(user),
            $"{template} ({page.Name}) {(admitted ? "admits" : "refuses")} {user}, but the table says it should {(allowed.Contains(user) ? "admit" : "refuse")}");
    }

    [Fact]
    public void Table_and_pages_match()
    {
        var templates = RoutablePages().Select(p => p.Template).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(templates);
        foreach (var template in templates)
            Assert.True(Expected.ContainsKey(template), $"Page {template} has no row in the role × page table: add one");
        foreach (var row in Expected.Keys)
            Assert.True(templates.Contains(row), $"The role × page table has a row for {row}, but no page has that route any more: remove or rename the row");
        // Anonymous gets in nowhere but the not-found, no-access and error pages.
        Assert.Equal(["/fejl", "/ikke-fundet", "/ingen-adgang"], Expected.Where(row => row.Value.Contains(Anonymous)).Select(row => row.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Development_sign_in_page_is_not_routable()
    {
        // It exists only where SignIn.MapSignIn maps it, and that happens only in Development.
        Assert.Empty(typeof(DevelopmentSignInPage).GetCustomAttributes<RouteAttribute>(inherit: true));
        Assert.DoesNotContain(RoutablePages(), p => p.Page == typeof(DevelopmentSignInPage));
    }

    /// <summary>
    /// As the authorization middleware decides for a component endpoint: <see cref="IAllowAnonymous"/> lets everyone
    /// in; otherwise the page's <see cref="IAuthorizeData"/> are combined into one policy, and a page without any gets
    /// the fallback policy.
    /// </summary>
    private static async Task<bool> AdmitsAsync(Type page, ClaimsPrincipal user)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(SignIn.StaffPolicy())
            .AddPolicy(SignIn.StaffPolicyName, SignIn.StaffPolicy())
            .AddPolicy(SignIn.SignedInPolicy, p => p.RequireAuthenticatedUser());
        await using var provider = services.BuildServiceProvider();
        var policies = provider.GetRequiredService<IAuthorizationPolicyProvider>();
        var authorization = provider.GetRequiredService<IAuthorizationService>();

        var metadata = page.GetCustomAttributes(inherit: true);
        if (metadata.OfType<IAllowAnonymous>().Any()) return true;
        var policy = await AuthorizationPolicy.CombineAsync(policies, metadata.OfType<IAuthorizeData>())
            ?? await policies.GetFallbackPolicyAsync();
        if (policy is null) return true;
        return (await authorization.AuthorizeAsync(user, resource: null, policy)).Succeeded;
    }

    /// <summary>The principal as the sign-in builds it: name, staff id, team (for those in a team) and the role.</summary>
    private static ClaimsPrincipal Principal(string user)
    {
        if (user == Anonymous) return new ClaimsPrincipal(new ClaimsIdentity());
        var identity = new ClaimsIdentity("test", ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, "Test Testesen"));
        if (user == SignedInWithoutStaff) return new ClaimsPrincipal(identity);
        if (user == RoleWithoutStaff)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, Mentor));
            return new ClaimsPrincipal(identity);
        }
        identity.AddClaim(new Claim(Actor.StaffIdClaim, Guid.NewGuid().ToString()));
        if (CaseWork.Contains(user)) identity.AddClaim(new Claim(Actor.TeamClaim, "1"));
        identity.AddClaim(new Claim(ClaimTypes.Role, user));
        return new ClaimsPrincipal(identity);
    }
}
