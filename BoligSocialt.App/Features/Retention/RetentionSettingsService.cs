using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Residents;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Retention;

/// <summary>The settings page's view: the schedule, who is due now (a dry run) and the last run.</summary>
public sealed record RetentionSettings(int Years, RetentionRun DueNow, DateTimeOffset? LastRunAt, int? LastRunResidents);

/// <summary>
/// The retention schedule's settings, for Administrators only (anybody else gets <see cref="NotFoundException"/>).
/// A change of the period is audited.
/// </summary>
public sealed class RetentionSettingsService(IDbContextFactory<AppDbContext> factory, ICurrentUser currentUser, RetentionService retention)
{
    public const string AuditEntityType = nameof(RetentionSchedule);

    public async Task<RetentionSettings> GetAsync(CancellationToken ct = default)
    {
        await currentUser.RequireAdministratorAsync();
        var dueNow = await retention.DryRunAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var schedule = await db.RetentionSchedules.AsNoTracking().SingleAsync(ct);
        return new RetentionSettings(schedule.Years, dueNow, schedule.LastRunAt, schedule.LastRunResidents);
    }

    /// <summary>Sets the period (years after the last thing recorded about a resident, e.g. a case's closure).</summary>
    public async Task SaveYearsAsync(int years, CancellationToken ct = default)
    {
        var actor = await currentUser.RequireAdministratorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var schedule = await db.RetentionSchedules.SingleAsync(ct);
        if (schedule.Years == years) return;
        schedule.ChangeYears(years);
        db.AuditActor = actor.AuditName;
        db.Record(AuditAction.Update, AuditEntityType, schedule.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
    }
}
