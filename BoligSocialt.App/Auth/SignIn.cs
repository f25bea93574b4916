using System.Security.Claims;
using BoligSocialt.App.Components;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Staff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Identity.Web;

namespace BoligSocialt.App.Auth;

/// <summary>
/// Sign-in: Entra ID through Microsoft.Identity.Web when an AzureAd section is configured; otherwise, in Development
/// only, a development sign-in as one of the staff members. Anything else refuses to start.
/// </summary>
public static class SignIn
{
    public const string DevelopmentScheme = "Development";
    public const string DevelopmentPath = "/konto/udvikler-log-ind";
    public const string SignOutPath = "/konto/log-ud";
    public const string AccessDeniedPath = "/ingen-adgang";
    public const string SignedInPolicy = "SignedIn";
    public const string StaffPolicyName = "Staff";

    public static bool EntraConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["AzureAd:ClientId"]);

    public static void AddSignIn(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        if (EntraConfigured(builder.Configuration))
        {
            services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApp(builder.Configuration.GetSection("AzureAd"));
            services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.AccessDeniedPath = AccessDeniedPath;
                var validate = o.Events.OnValidatePrincipal;
                o.Events.OnValidatePrincipal = async context =>
                {
                    await validate(context);
                    await RejectInactiveStaffAsync(context);
                };
            });
            services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o =>
            {
                var validated = o.Events.OnTokenValidated;
                o.Events.OnTokenValidated = async context =>
                {
                    await validated(context);
                    if (context.Principal?.Identity is ClaimsIdentity identity)
                        await MatchStaffMemberAsync(context.HttpContext.RequestServices, identity);
                };
            });
        }
        else if (builder.Environment.IsDevelopment())
        {
            services.AddAuthentication(DevelopmentScheme).AddCookie(DevelopmentScheme, o =>
            {
                o.LoginPath = DevelopmentPath;
                o.AccessDeniedPath = AccessDeniedPath;
                o.Cookie.Name = "BoligSocialt.Development";
                o.Events.OnValidatePrincipal = RejectInactiveStaffAsync;
            });
        }
        else
        {
            throw new StartupException(
                "Log-ind er ikke sat op. Uden for Development skal appen bruge Entra ID: udfyld sektionen \"AzureAd\" i appsettings.json " +
                "(Instance, TenantId, ClientId, ClientSecret, CallbackPath) eller sæt miljøvariablerne AzureAd__TenantId, AzureAd__ClientId og " +
                "AzureAd__ClientSecret. Se README.md, afsnittet \"Entra ID\".");
        }

        services.AddAuthorizationBuilder()
            // Every page and endpoint: a signed-in staff member with a role. Exceptions say so explicitly.
            .SetFallbackPolicy(StaffPolicy())
            // The same, by name, for pages: Blazor's in-app navigation does not apply the fallback policy.
            .AddPolicy(StaffPolicyName, StaffPolicy())
            .AddPolicy(SignedInPolicy, p => p.RequireAuthenticatedUser());
    }

    public static Microsoft.AspNetCore.Authorization.AuthorizationPolicy StaffPolicy() =>
        new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireClaim(Actor.StaffIdClaim)
            .RequireRole(StaffRoleNames.All.Select(r => r.ToString()))
            .Build();

    public static void MapSignIn(this WebApplication app)
    {
        if (!EntraConfigured(app.Configuration) && app.Environment.IsDevelopment())
        {
            app.MapGet(DevelopmentPath, async (IDbContextFactory<AppDbContext> factory, [FromQuery] string? returnUrl) =>
            {
                await using var db = await factory.CreateDbContextAsync();
                var staff = await db.StaffMembers.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Name).ToListAsync();
                return new RazorComponentResult<DevelopmentSignInPage>(new { Staff = staff, ReturnUrl = LocalOrRoot(returnUrl) });
            }).AllowAnonymous();

            app.MapPost(DevelopmentPath, async Task<Results<RedirectHttpResult, NotFound>> (
                HttpContext http, IDbContextFactory<AppDbContext> factory, [FromForm] Guid staffMemberId, [FromForm] string? returnUrl) =>
            {
                await using var db = await factory.CreateDbContextAsync();
                var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == staffMemberId && s.IsActive);
                if (staff is null) return TypedResults.NotFound();
                var identity = new ClaimsIdentity(DevelopmentScheme, ClaimTypes.Name, ClaimTypes.Role);
                identity.AddClaim(new Claim(ClaimTypes.Name, staff.Name));
                AddStaffClaims(identity, staff);
                foreach (var role in staff.Roles.Split()) identity.AddClaim(new Claim(ClaimTypes.Role, role.ToString()));
                db.AuditActor = staff.Id.ToString();
                db.Record(AuditAction.SignIn, nameof(StaffMember), staff.Id.ToString());
                await db.SaveChangesAsync();
                await http.SignInAsync(DevelopmentScheme, new ClaimsPrincipal(identity));
                return TypedResults.Redirect(LocalOrRoot(returnUrl));
            }).AllowAnonymous();
        }

        app.MapPost(SignOutPath, (HttpContext http) =>
        {
            var schemes = EntraConfigured(app.Configuration)
                ? new[] { CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme }
                : [DevelopmentScheme];
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, schemes);
        }).RequireAuthorization(SignedInPolicy).WithMetadata(new RequireAntiforgeryTokenAttribute());
    }

    /// <summary>
    /// Entra ID: the person is matched to a staff member by object id, else by e-mail (and the object id is linked then).
    /// The token's app roles become role claims. Someone without a staff member gets no staff claim and so no access.
    /// </summary>
    internal static async Task MatchStaffMemberAsync(IServiceProvider services, ClaimsIdentity identity)
    {
        var objectId = identity.FindFirst(ClaimConstants.ObjectId)?.Value ?? identity.FindFirst(ClaimConstants.Oid)?.Value;
        var email = (identity.FindFirst(ClaimConstants.PreferredUserName)?.Value ?? identity.FindFirst(ClaimTypes.Email)?.Value)?.ToLowerInvariant();
        foreach (var role in identity.FindAll(ClaimConstants.Roles).Concat(identity.FindAll(ClaimConstants.Role)).Select(c => c.Value).ToList())
            if (!identity.HasClaim(ClaimTypes.Role, role)) identity.AddClaim(new Claim(ClaimTypes.Role, role));

        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var staff = objectId is null ? null : await db.StaffMembers.SingleOrDefaultAsync(s => s.ObjectId == objectId);
        if (staff is null && email is not null)
        {
            staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Email == email && s.ObjectId == null);
            if (staff is not null && objectId is not null) staff.LinkObjectId(objectId);
        }
        if (staff is { IsActive: true })
        {
            AddStaffClaims(identity, staff);
            db.AuditActor = staff.Id.ToString();
            db.Record(AuditAction.SignIn, nameof(StaffMember), staff.Id.ToString());
        }
        else
        {
            // Known to Entra ID but not to us: recorded without the person's name or address.
            db.AuditActor = "entra:" + (objectId ?? "unknown");
            db.Record(AuditAction.SignInRefused, nameof(StaffMember), staff?.Id.ToString() ?? "");
        }
        await db.SaveChangesAsync();
    }

    /// <summary>A staff member deactivated after signing in loses access at their next request, not when the cookie expires.</summary>
    private static async Task RejectInactiveStaffAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || Actor.FromPrincipal(context.Principal) is not { } actor) return;
        var factory = context.HttpContext.RequestServices.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        if (await db.StaffMembers.AnyAsync(s => s.Id == actor.StaffMemberId && s.IsActive)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }

    private static void AddStaffClaims(ClaimsIdentity identity, StaffMember staff)
    {
        identity.AddClaim(new Claim(Actor.StaffIdClaim, staff.Id.ToString()));
        if (staff.TeamId is { } team) identity.AddClaim(new Claim(Actor.TeamClaim, team.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static string LocalOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
