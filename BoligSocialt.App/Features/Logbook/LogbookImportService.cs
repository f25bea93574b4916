using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Logbook;

/// <summary>
/// The web app's import of a legacy logbook (<see cref="LogbookImport"/>) for administrators and team leaders
/// (<see cref="Roles.LogbookImport"/>): first what it would add (or every error), then, confirmed, the import itself,
/// checked again against the database as it is then.
/// </summary>
public sealed class LogbookImportService(IDbContextFactory<AppDbContext> factory, ICurrentUser currentUser, TimeProvider clock)
{
    /// <summary>Checks the file and says what an import would add; saves nothing.</summary>
    public Task<LogbookImportResult> PreviewAsync(Stream file, CancellationToken ct = default) => RunAsync(file, save: false, ct);

    /// <summary>Checks the file again and, when it has no error, saves everything in one transaction.</summary>
    public Task<LogbookImportResult> ImportAsync(Stream file, CancellationToken ct = default) => RunAsync(file, save: true, ct);

    private async Task<LogbookImportResult> RunAsync(Stream file, bool save, CancellationToken ct)
    {
        var actor = await currentUser.GetAsync();
        if (!actor.Has(StaffRoles.Administrator) && !actor.Has(StaffRoles.TeamLeader)) throw new NotFoundException();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await LogbookImport.RunAsync(db, file, actor.AuditName, save, clock.GetLocalNow(), ct);
    }
}

/// <summary>
/// The export for team leaders and the head (<see cref="Roles.Leaders"/>): the activities of their team for the form,
/// and the file itself, downloaded from <see cref="LogbookExportEndpoint"/>.
/// </summary>
public sealed class LogbookExportService(IDbContextFactory<AppDbContext> factory, ICurrentUser currentUser)
{
    /// <summary>The activities of the leader's team, the latest plan first; an export of one of them is in the leader's scope.</summary>
    public async Task<IReadOnlyList<LogbookExportActivity>> ActivitiesAsync(CancellationToken ct = default)
    {
        var actor = await currentUser.GetAsync();
        if (!actor.IsLeader) throw new NotFoundException();
        var teamId = actor.TeamId;
        await using var db = await factory.CreateDbContextAsync(ct);
        var activities = await db.Activities.AsNoTracking().Where(a => a.FocusArea!.TeamId == teamId)
            .Select(a => new { a.Code, a.Name, a.PlanPeriod!.Start }).ToListAsync(ct);
        return activities.OrderByDescending(a => a.Start).ThenBy(a => a.Name, DanishOrder.Names)
            .Select(a => new LogbookExportActivity(a.Code, a.Name)).ToList();
    }
}

public sealed record LogbookExportActivity(string Code, string Name);
