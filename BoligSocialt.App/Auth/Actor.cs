using System.Security.Claims;
using BoligSocialt.Domain.Staff;
using Microsoft.AspNetCore.Components.Authorization;

namespace BoligSocialt.App.Auth;

/// <summary>The signed-in staff member as the services see them: who, which roles, which team.</summary>
public sealed record Actor(Guid StaffMemberId, StaffRoles Roles, int? TeamId)
{
    public const string StaffIdClaim = "boligsocialt:staff";
    public const string TeamClaim = "boligsocialt:team";

    /// <summary>Mentors and counsellors: their own cases and the referrals allocated to them.</summary>
    public bool IsCaseworker => (Roles & (StaffRoles.Mentor | StaffRoles.Counsellor)) != 0;

    /// <summary>Team leaders and the head: everything of their team's activities.</summary>
    public bool IsLeader => (Roles & (StaffRoles.TeamLeader | StaffRoles.Head)) != 0 && TeamId is not null;

    /// <summary>Only caseworkers and leaders ever see a resident; administrators and analysts do not.</summary>
    public bool MayReadPersonalData => IsCaseworker || IsLeader;

    public bool Has(StaffRoles role) => (Roles & role) != 0;

    public string AuditName => StaffMemberId.ToString();

    public static Actor? FromPrincipal(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        if (!Guid.TryParse(user.FindFirstValue(StaffIdClaim), out var staffId)) return null;
        var roles = StaffRoleNames.Parse(user.FindAll(ClaimTypes.Role).Select(c => c.Value));
        if (roles == StaffRoles.None) return null;
        int? team = int.TryParse(user.FindFirstValue(TeamClaim), out var t) ? t : null;
        return new Actor(staffId, roles, team);
    }
}

/// <summary>The actor of the current request or circuit.</summary>
public interface ICurrentUser
{
    Task<Actor> GetAsync();
}

public static class CurrentUserExtensions
{
    /// <summary>Administrators only; anybody else meets "Ikke fundet", as for a record outside their scope.</summary>
    public static async Task<Actor> RequireAdministratorAsync(this ICurrentUser currentUser)
    {
        var actor = await currentUser.GetAsync();
        return actor.Has(StaffRoles.Administrator) ? actor : throw new NotFoundException();
    }
}

/// <summary>Reads the actor from Blazor's authentication state (the circuit's user, or the request's while prerendering).</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication) : ICurrentUser
{
    public async Task<Actor> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return Actor.FromPrincipal(state.User) ?? throw new NotFoundException();
    }
}

public static class CurrentUserMiddleware
{
    /// <summary>
    /// Gives an HTTP endpoint's services (an API, a download) the request's user, as Blazor does for a page, so that
    /// <see cref="CurrentUser"/> and the services' access checks work the same there. A circuit has a scope of its own.
    /// </summary>
    public static IApplicationBuilder UseCurrentUser(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.RequestServices.GetRequiredService<AuthenticationStateProvider>()
            is IHostEnvironmentAuthenticationStateProvider state)
            state.SetAuthenticationState(Task.FromResult(new AuthenticationState(context.User)));
        return next(context);
    });
}

/// <summary>
/// Thrown when a record does not exist or is outside the actor's scope: the two look the same to the user ("Ikke fundet"),
/// so that a typed URL reveals nothing.
/// </summary>
public sealed class NotFoundException() : Exception("Ikke fundet");
