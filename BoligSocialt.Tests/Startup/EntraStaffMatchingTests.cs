using System.Security.Claims;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;

namespace BoligSocialt.Tests.Startup;

/// <summary>After Entra ID validated the token: the person is matched to a staff member, and the app roles become role claims.</summary>
public sealed class EntraStaffMatchingTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _services = new ServiceCollection().AddSingleton<IDbContextFactory<AppDbContext>>(_db).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }

    private static ClaimsIdentity Token(string objectId, string email, params string[] roles)
    {
        var identity = new ClaimsIdentity("AuthenticationTypes.Federation", ClaimTypes.Name, ClaimConstants.Roles);
        identity.AddClaim(new Claim(ClaimConstants.ObjectId, objectId));
        identity.AddClaim(new Claim(ClaimConstants.PreferredUserName, email));
        foreach (var role in roles) identity.AddClaim(new Claim(ClaimConstants.Roles, role));
        return identity;
    }

    private async Task<StaffMember> AddStaffAsync(string email, bool active = true)
    {
        await using var db = _db.CreateDbContext();
        var staff = new StaffMember("Lone Mikkelsen", email, StaffRoles.TeamLeader, (await db.Teams.FirstAsync()).Id);
        if (!active) staff.Deactivate();
        db.StaffMembers.Add(staff);
        db.AuditActor = "test";
        await db.SaveChangesAsync();
        return staff;
    }

    [Fact]
    public async Task Matched_by_email_the_first_time_links_the_object_id_and_gives_the_actor()
    {
        var staff = await AddStaffAsync("lone@boligsocialt.example");
        var identity = Token("oid-1", "Lone@BoligSocialt.example", "TeamLeader");

        await SignIn.MatchStaffMemberAsync(_services, identity);

        var actor = Actor.FromPrincipal(new ClaimsPrincipal(identity));
        Assert.NotNull(actor);
        Assert.Equal(staff.Id, actor.StaffMemberId);
        Assert.Equal(StaffRoles.TeamLeader, actor.Roles);
        Assert.Equal(staff.TeamId, actor.TeamId);
        await using var db = _db.CreateDbContext();
        Assert.Equal("oid-1", (await db.StaffMembers.SingleAsync(s => s.Id == staff.Id)).ObjectId);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.SignIn && a.EntityId == staff.Id.ToString()));
    }

    [Fact]
    public async Task Matched_by_object_id_once_linked_even_when_the_email_changed()
    {
        var staff = await AddStaffAsync("lone@boligsocialt.example");
        await SignIn.MatchStaffMemberAsync(_services, Token("oid-1", "lone@boligsocialt.example", "TeamLeader"));
        var identity = Token("oid-1", "lone.mikkelsen@ny.example", "TeamLeader");

        await SignIn.MatchStaffMemberAsync(_services, identity);

        Assert.Equal(staff.Id, Actor.FromPrincipal(new ClaimsPrincipal(identity))?.StaffMemberId);
    }

    [Fact]
    public async Task Someone_unknown_gets_no_staff_claim_and_the_refusal_is_audited_without_name()
    {
        var identity = Token("oid-unknown", "fremmed@example.com", "Mentor");

        await SignIn.MatchStaffMemberAsync(_services, identity);

        Assert.Null(Actor.FromPrincipal(new ClaimsPrincipal(identity)));
        Assert.False(new ClaimsPrincipal(identity).HasClaim(c => c.Type == Actor.StaffIdClaim));
        await using var db = _db.CreateDbContext();
        var refused = Assert.Single(await db.AuditEntries.Where(a => a.Action == AuditAction.SignInRefused).ToListAsync());
        Assert.DoesNotContain("fremmed", refused.Actor + refused.EntityId);
    }

    [Fact]
    public async Task An_inactive_staff_member_gets_no_staff_claim()
    {
        await AddStaffAsync("lone@boligsocialt.example", active: false);
        var identity = Token("oid-1", "lone@boligsocialt.example", "TeamLeader");

        await SignIn.MatchStaffMemberAsync(_services, identity);

        Assert.Null(Actor.FromPrincipal(new ClaimsPrincipal(identity)));
    }

    [Fact]
    public async Task A_staff_member_without_an_app_role_in_the_token_has_no_actor()
    {
        await AddStaffAsync("lone@boligsocialt.example");
        var identity = Token("oid-1", "lone@boligsocialt.example");

        await SignIn.MatchStaffMemberAsync(_services, identity);

        Assert.Null(Actor.FromPrincipal(new ClaimsPrincipal(identity)));
    }
}
