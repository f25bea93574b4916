using System.Security.Claims;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Home;
using BoligSocialt.App.Features.Residents;
using BoligSocialt.Tests.Components;
using BoligSocialt.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BoligSocialt.Tests.Security;

/// <summary>
/// Inside a circuit, navigation does not pass the endpoint: Routes.razor's <see cref="AuthorizeRouteView"/> decides.
/// It applies a page's own authorize data, but not the fallback policy: that is why every page carries the Staff policy
/// (the App's _Imports.razor).
/// </summary>
public sealed class InteractiveNavigationTests : MudTestContext
{
    private const string Refused = "refused";
    private TestDatabase _db = null!;

    public override async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(_db);
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<ICurrentUser, CurrentUser>();
        Services.AddScoped<StartPageQueries>();
        Services.AddScoped<ResidentService>();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_db is not null) await _db.DisposeAsync();
    }

    /// <summary>Signed in (Entra ID) but matched to no staff member: the state in which the app shows /ingen-adgang.</summary>
    private void SignInWithoutStaffRecord()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Uden Medarbejder");
        auth.SetClaims(new Claim(ClaimTypes.Name, "Uden Medarbejder"));
    }

    private IRenderedComponent<AuthorizeRouteView> Navigate<TPage>() where TPage : IComponent =>
        Render<AuthorizeRouteView>(p => p
            .Add(x => x.RouteData, new RouteData(typeof(TPage), new Dictionary<string, object?>()))
            .Add(x => x.NotAuthorized, (RenderFragment<AuthenticationState>)(_ => b => b.AddMarkupContent(0, $"<p data-testid=\"{Refused}\">{Refused}</p>"))));

    [Fact]
    public void A_page_with_roles_refuses_a_user_without_staff_record()
    {
        SignInWithoutStaffRecord();

        var cut = Navigate<ResidentSearch>();

        cut.WaitForElement($"[data-testid={Refused}]");
        Assert.Empty(cut.FindAll("[data-testid=resident-search]"));
    }

    // Regression: "/" relied on the fallback policy alone, which in-app navigation does not apply; a user without a staff
    // record who clicked "Forside" on /ingen-adgang crashed the circuit. Every page now carries the Staff policy.
    [Fact]
    public void The_start_page_refuses_a_user_without_staff_record_on_interactive_navigation()
    {
        SignInWithoutStaffRecord();

        var cut = Navigate<StartPage>();

        cut.WaitForElement($"[data-testid={Refused}]");
        Assert.Empty(cut.FindAll("[data-testid=welcome]"));
    }

    [Fact]
    public void A_page_refuses_a_user_with_a_role_but_no_staff_record()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Kun Rolle");
        auth.SetRoles("Mentor");

        var cut = Navigate<ResidentSearch>();

        cut.WaitForElement($"[data-testid={Refused}]");
        Assert.Empty(cut.FindAll("[data-testid=resident-search]"));
    }
}
