using System.Globalization;
using BoligSocialt.App.Auth;
using BoligSocialt.App.Data;
using BoligSocialt.Domain.Cases;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Residents;
using BoligSocialt.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Features.Residents;

/// <summary>
/// Merging two records of the same resident (registered twice). Team leaders and the head merge residents in their
/// scope (the access rule); administrators any resident, seeing only name, birth date, current department and how many
/// records refer to each. The rules are <see cref="ResidentMerger"/>'s.
/// </summary>
public sealed class ResidentMergeService(IDbContextFactory<AppDbContext> factory, ICurrentUser currentUser, TimeProvider clock)
{
    public const int MaxCandidates = 20;

    private static readonly string[] BirthDateFormats = ["dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy", "d.M.yyyy", "yyyy-MM-dd", "ddMMyyyy"];

    /// <summary>Residents to choose from, by name and birth date (dd-mm-åååå); every word must match. Merged records are never found.</summary>
    public async Task<IReadOnlyList<MergeCandidate>> SearchAsync(string? query, CancellationToken ct = default)
    {
        var actor = await currentUser.GetAsync();
        var tokens = SearchText.Tokens(query);
        if (tokens.Count == 0) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var residents = InScope(db, actor);
        foreach (var token in tokens)
        {
            if (DateOnly.TryParseExact(token, BirthDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                residents = residents.Where(r => r.BirthDate == date);
                continue;
            }
            var word = token;
            residents = residents.Where(r => r.SearchName.Contains(word));
        }
        return await CandidatesAsync(db, residents.OrderBy(r => r.SearchName).Take(MaxCandidates), ct);
    }

    /// <summary>Records that may be the same person: the same name, or the same birth date and a name in common.</summary>
    public async Task<IReadOnlyList<MergeCandidate>> PossibleDuplicatesAsync(Guid id, CancellationToken ct = default)
    {
        var actor = await currentUser.GetAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var scope = InScope(db, actor);
        var resident = await scope.Where(r => r.Id == id).Select(r => new { r.SearchName, r.BirthDate }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException();
        var names = SearchText.Tokens(resident.SearchName);
        var sameNameOrBirthDate = await scope.Where(r => r.Id != id && (r.SearchName == resident.SearchName || r.BirthDate == resident.BirthDate))
            .Select(r => new { r.Id, r.SearchName }).ToListAsync(ct);
        var likely = sameNameOrBirthDate
            .Where(r => r.SearchName == resident.SearchName || SearchText.Tokens(r.SearchName).Intersect(names).Any())
            .Select(r => r.Id).Take(MaxCandidates).ToList();
        return await CandidatesAsync(db, scope.Where(r => likely.Contains(r.Id)).OrderBy(r => r.SearchName), ct);
    }

    /// <summary>One of the two records, to compare before merging. An audited read.</summary>
    public async Task<MergeSide> SideAsync(Guid id, CancellationToken ct = default)
    {
        var actor = await currentUser.GetAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var resident = await InScope(db, actor).AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException();
        var departmentIds = resident.Residences.Select(r => r.DepartmentId).ToList();
        var departments = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Name, Area = d.HousingArea!.Name }).ToDictionaryAsync(d => d.Id, ct);
        var current = resident.ResidenceOn(clock.Today());
        var counts = new MergeCounts(
            await db.Referrals.CountAsync(r => r.ResidentId == id, ct),
            await db.Cases.CountAsync(c => c.ResidentId == id, ct),
            await db.Cases.CountAsync(c => c.ResidentId == id && (c.Status == CaseStatus.Open || c.Status == CaseStatus.Reopened), ct),
            await db.Outcomes.CountAsync(o => o.ResidentId == id, ct),
            await db.LogbookEntries.CountAsync(e => e.Participants.Any(p => p.ResidentId == id), ct),
            await db.GroupCourses.CountAsync(g => g.Participants.Any(p => p.ResidentId == id), ct));

        MergeDetails? details = null;
        if (actor.IsLeader && await db.VisibleResidents(actor).AnyAsync(r => r.Id == id, ct))
        {
            var openCases = await db.VisibleCases(actor)
                .Where(c => c.ResidentId == id && (c.Status == CaseStatus.Open || c.Status == CaseStatus.Reopened))
                .Join(db.Activities, c => c.ActivityId, a => a.Id, (c, a) => a.Name).OrderBy(n => n).ToListAsync(ct);
            details = new MergeDetails(
                resident.Phone, resident.RegistrationConsent?.GivenOn, resident.SharingConsent?.GivenOn,
                resident.Residences.OrderByDescending(r => r.From)
                    .Select(r => new ResidenceView(r.From, r.DepartmentId, departments[r.DepartmentId].Name, departments[r.DepartmentId].Area, r == current))
                    .ToList(),
                openCases);
        }

        db.AuditActor = actor.AuditName;
        db.Read(nameof(Resident), id);
        await db.SaveChangesAsync(ct);
        var department = current is null ? null : departments[current.DepartmentId];
        return new MergeSide(resident.Id, resident.Name, resident.BirthDate,
            department is null ? null : $"{department.Name}, {department.Area}", counts, details);
    }

    /// <summary>
    /// Merges <paramref name="mergedId"/> into <paramref name="survivorId"/>: every record of the merged one follows the
    /// survivor, in one transaction, audited for both records. A refused merge (<see cref="DomainException"/>) changes nothing.
    /// </summary>
    public async Task MergeAsync(Guid survivorId, Guid mergedId, CancellationToken ct = default)
    {
        var actor = await currentUser.GetAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        // SQLite's transaction takes the write lock at the start: nothing can be added to the merged record between
        // reading its records and moving them, so nothing is left behind.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var scope = InScope(db, actor);
        var survivor = await scope.SingleOrDefaultAsync(r => r.Id == survivorId, ct) ?? throw new NotFoundException();
        var merged = await scope.SingleOrDefaultAsync(r => r.Id == mergedId, ct) ?? throw new NotFoundException();
        var survivorCases = await db.Cases.AsNoTracking().Where(c => c.ResidentId == survivorId).ToListAsync(ct);
        var records = new ResidentRecords(
            await db.Referrals.Where(r => r.ResidentId == mergedId).ToListAsync(ct),
            await db.Cases.Include(c => c.Outcomes).Where(c => c.ResidentId == mergedId).ToListAsync(ct),
            await db.Outcomes.Where(o => o.ResidentId == mergedId).ToListAsync(ct),
            // Deleted entries too: kept for the audit, they must not point at a record that no longer stands for anyone.
            await db.LogbookEntries.IgnoreQueryFilters().Where(e => e.Participants.Any(p => p.ResidentId == mergedId)).ToListAsync(ct),
            await db.GroupCourses.Where(g => g.Participants.Any(p => p.ResidentId == mergedId)).ToListAsync(ct));

        ResidentMerger.Merge(survivor, merged, survivorCases, records);

        db.AuditActor = actor.AuditName;
        db.Record(AuditAction.Merge, nameof(Resident), survivorId.ToString());
        db.Record(AuditAction.Merge, nameof(Resident), mergedId.ToString());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Leaders: the residents of the access rule. Administrators: every resident not merged into another.</summary>
    private static IQueryable<Resident> InScope(AppDbContext db, Actor actor) =>
        actor.Has(StaffRoles.Administrator) ? db.Residents.Where(r => r.MergedIntoId == null)
        : actor.IsLeader ? db.VisibleResidents(actor)
        : throw new NotFoundException();

    private async Task<IReadOnlyList<MergeCandidate>> CandidatesAsync(AppDbContext db, IQueryable<Resident> residents, CancellationToken ct)
    {
        var today = clock.Today();
        var found = await residents.AsNoTracking()
            .Select(r => new
            {
                r.Id,
                r.Name,
                r.BirthDate,
                DepartmentId = r.Residences.Where(x => x.From <= today).OrderByDescending(x => x.From).Select(x => (int?)x.DepartmentId).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var departmentIds = found.Select(r => r.DepartmentId).OfType<int>().Distinct().ToList();
        var departments = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Name, Area = d.HousingArea!.Name }).ToDictionaryAsync(d => d.Id, ct);
        return found.OrderBy(r => r.Name, DanishOrder.Names)
            .Select(r => new MergeCandidate(r.Id, r.Name, r.BirthDate, r.DepartmentId is { } d ? $"{departments[d].Name}, {departments[d].Area}" : null))
            .ToList();
    }
}
