using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.App.Features.Audit;
using BoligSocialt.Domain.Staff;
using BoligSocialt.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BoligSocialt.Tests.Components;

/// <summary>The administrators' audit log page over the real service and a temporary SQLite database.</summary>
public sealed class AuditLogPageTests : MudTestContext
{
    private static readonly DateTime May1 = new(2025, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    private TestDatabase _db = null!;

    public override async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_db is not null) await _db.DisposeAsync();
    }

    private void SignIn(Actor actor)
    {
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(_db);
        Services.AddSingleton<ICurrentUser>(new FakeCurrentUser(actor));
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<AuditLogService>();
    }

    private async Task AddAsync(DateTime atUtc, string actor, AuditAction action, string entityType, string entityId)
    {
        await using var db = _db.CreateDbContext();
        db.AuditEntries.Add(new AuditEntry(atUtc, actor, action, entityType, entityId));
        await db.SaveChangesAsync();
    }

    private static IRenderedComponent<TComponent> Input<TComponent>(IRenderedComponent<AuditLogPage> cut, string testId)
        where TComponent : MudComponentBase =>
        cut.FindComponents<TComponent>().Single(c => c.Instance.UserAttributes.GetValueOrDefault("data-testid") as string == testId);

    [Fact]
    public async Task Shows_the_rows_newest_first_with_staff_by_name_and_ids_only_and_filters_them()
    {
        var admin = await _db.AddStaffAsync("Anne Admin", StaffRoles.Administrator);
        var mentor = await _db.AddStaffAsync("Ahmed Hassan", StaffRoles.Mentor, "Team1");
        var resident = Guid.NewGuid().ToString();
        var other = Guid.NewGuid().ToString();
        await AddAsync(May1, mentor.AuditName, AuditAction.Read, "Resident", resident);
        await AddAsync(May1.AddDays(1), mentor.AuditName, AuditAction.Update, "Resident", resident);
        await AddAsync(May1.AddDays(2), "import-logbook", AuditAction.Create, "LogbookEntry", other);
        SignIn(admin);

        var cut = Render<AuditLogPage>();

        // Besides the two staff members' creation (now, so the newest).
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid=audit-row]").Count));
        var rows = cut.FindAll("[data-testid=audit-row]").Skip(2).ToList();
        Assert.All(cut.FindAll("[data-testid=audit-row]").Take(2), r => Assert.Equal("Create", r.GetAttribute("data-action")));
        Assert.Equal([other, resident, resident], rows.Select(r => r.GetAttribute("data-entity")));
        Assert.Contains("import-logbook", rows[0].TextContent);
        Assert.Contains("Logbogsnotat", rows[0].TextContent);
        Assert.Contains("Ahmed Hassan", rows[1].TextContent);
        Assert.Contains("Ændret", rows[1].TextContent);
        Assert.Contains("Beboer", rows[2].TextContent);
        Assert.Empty(cut.FindAll("[data-testid=more-rows]"));

        await cut.InvokeAsync(() => Input<MudTextField<string>>(cut, "filter-entity").Instance.ValueChanged.InvokeAsync(resident.ToUpperInvariant()));
        await cut.InvokeAsync(() => Input<MudSelect<AuditAction?>>(cut, "filter-action").Instance.ValueChanged.InvokeAsync(AuditAction.Read));
        cut.Find("button[data-testid=search]").Click();

        cut.WaitForAssertion(() =>
        {
            var row = Assert.Single(cut.FindAll("[data-testid=audit-row]"));
            Assert.Equal(("Read", resident), (row.GetAttribute("data-action"), row.GetAttribute("data-entity")));
            Assert.Contains("Læst", row.TextContent);
        });
        Assert.Equal(AuditLogExportEndpoint.Url(new AuditLogFilter(EntityId: resident.ToUpperInvariant(), Action: AuditAction.Read)),
            cut.Find("[data-testid=export]").GetAttribute("href"));

        await cut.InvokeAsync(() => Input<MudSelect<string>>(cut, "filter-actor").Instance.ValueChanged.InvokeAsync("import-logbook"));
        cut.Find("button[data-testid=search]").Click();

        cut.WaitForElement("[data-testid=no-rows]");
    }

    [Fact]
    public async Task Who_read_a_resident_needs_a_resident_id()
    {
        SignIn(await _db.AddStaffAsync("Anne Admin", StaffRoles.Administrator));
        var cut = Render<AuditLogPage>();
        cut.WaitForElement("[data-testid=audit-filter]");

        await cut.InvokeAsync(() => Input<MudCheckBox<bool>>(cut, "filter-resident-reads").Instance.ValueChanged.InvokeAsync(true));
        cut.Find("button[data-testid=search]").Click();

        Assert.Equal("Skriv beboerens id for at se, hvem der har læst beboerens data.", cut.Find("[data-testid=filter-error]").TextContent.Trim());
    }

    [Fact]
    public async Task Others_than_administrators_get_not_found()
    {
        SignIn(await _db.AddStaffAsync("Lone Leder", StaffRoles.TeamLeader, "Team1"));

        var cut = Render<AuditLogPage>();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=audit-filter]")));
        Assert.Contains("Ikke fundet", cut.Markup);
    }
}
