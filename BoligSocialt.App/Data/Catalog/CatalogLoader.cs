using System.Text.Json;
using System.Text.Json.Serialization;
using BoligSocialt.Domain.Catalog;
using Microsoft.EntityFrameworkCore;

namespace BoligSocialt.App.Data.Catalog;

/// <summary>
/// Loads the reference data from the project's copy of catalog.json (an embedded resource). Idempotent: entries are
/// matched by code and only what is missing is added. What exists is never changed, deleted or re-activated: once
/// loaded, the catalogue belongs to the administrators (Features/Administration), whose edits survive every start.
/// </summary>
public static class CatalogLoader
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static CatalogDocument ReadEmbedded()
    {
        using var stream = typeof(CatalogLoader).Assembly.GetManifestResourceStream("catalog.json")
            ?? throw new InvalidOperationException("The embedded catalog.json is missing from the build.");
        return JsonSerializer.Deserialize<CatalogDocument>(stream, Json)
            ?? throw new InvalidOperationException("catalog.json is empty.");
    }

    /// <summary>Brings the database's reference data up to the catalogue. Returns the number of rows added or changed.</summary>
    public static async Task<int> LoadAsync(AppDbContext db, CatalogDocument catalog, CancellationToken ct = default)
    {
        var plans = await db.PlanPeriods.ToDictionaryAsync(p => p.Code, ct);
        foreach (var p in catalog.PlanPeriods)
        {
            if (!plans.ContainsKey(p.Code)) db.PlanPeriods.Add(plans[p.Code] = new PlanPeriod(p.Code, p.Name, p.Start, p.End));
        }

        var teams = await db.Teams.ToDictionaryAsync(t => t.Code, ct);
        foreach (var code in catalog.FocusAreas.Select(f => f.Team).Distinct())
        {
            var name = code.StartsWith("Team", StringComparison.Ordinal) ? $"Team {code[4..]}" : code;
            if (!teams.ContainsKey(code)) db.Teams.Add(teams[code] = new Team(code, name));
        }

        var focusAreas = await db.FocusAreas.ToDictionaryAsync(f => f.Code, ct);
        foreach (var f in catalog.FocusAreas)
        {
            if (!focusAreas.ContainsKey(f.Code)) db.FocusAreas.Add(focusAreas[f.Code] = new FocusArea(f.Code, f.Name, teams[f.Team]));
        }

        var housingAreas = await db.HousingAreas.Include(a => a.Departments).ToDictionaryAsync(a => a.Code, ct);
        var departmentNames = housingAreas.Values.SelectMany(a => a.Departments).Select(d => d.Name).ToHashSet();
        foreach (var h in catalog.HousingAreas)
        {
            if (!housingAreas.TryGetValue(h.Code, out var area))
                db.HousingAreas.Add(housingAreas[h.Code] = area = new HousingArea(h.Code, h.Name, h.ReportsAs));
            foreach (var department in h.Departments.Where(departmentNames.Add)) area.AddDepartment(department);
        }

        var activities = await db.Activities.ToDictionaryAsync(a => a.Code, ct);
        foreach (var a in catalog.Activities)
        {
            if (activities.ContainsKey(a.Code)) continue;
            var activity = activities[a.Code] = new Activity(a.Code, focusAreas[a.FocusArea], plans[a.Plan]);
            db.Activities.Add(activity);
            activity.Describe(a.Name, a.Kind, a.StartMeeting ?? StartMeetingKind.None, a.TargetGroup,
                a.SelfReferral, a.Outreach, a.ReferredBy, a.OutcomeKinds);
            activity.SetAftercare(a.AftercareMonths ?? 0);
        }

        var terms = await db.CatalogTerms.ToDictionaryAsync(t => (t.List, t.Code), ct);
        void Term(CatalogList list, string code, string name)
        {
            if (!terms.ContainsKey((list, code))) db.CatalogTerms.Add(terms[(list, code)] = new CatalogTerm(list, code, name));
        }
        foreach (var (code, name) in catalog.ReferralSources) Term(CatalogList.ReferralSource, code, name);
        foreach (var (code, kind) in catalog.OutcomeKinds) Term(CatalogList.OutcomeKind, Known<OutcomeKind>(code), kind.Name);
        foreach (var (code, name) in catalog.ClosureReasons) Term(CatalogList.ClosureReason, Known<ClosureReason>(code), name);
        foreach (var (code, name) in catalog.ReferralDeclineReasons) Term(CatalogList.ReferralDeclineReason, Known<ReferralDeclineReason>(code), name);
        foreach (var (code, name) in catalog.LogbookEntryKinds) Term(CatalogList.LogbookEntryKind, Known<LogbookEntryKind>(code), name);

        // Plans and housing areas must have ids before baselines and plans refer to them.
        var changed = await db.SaveChangesAsync(ct);

        // A plan without housing areas (new, or from before plans had them) gets the catalogue's; a plan an
        // administrator has given housing areas keeps them.
        foreach (var plan in plans.Values.Where(p => p.HousingAreaIds.Count == 0))
        {
            var covered = catalog.HousingAreas.Where(h => h.Plans?.Contains(plan.Code) == true).Select(h => housingAreas[h.Code].Id).ToList();
            if (covered.Count > 0) plan.CoverHousingAreas(covered);
        }

        var baselines = await db.IndicatorBaselines.ToListAsync(ct);
        foreach (var b in catalog.IndicatorBaselines)
        {
            var plan = plans[b.Plan];
            var ageBand = b.AgeBand ?? IndicatorBaseline.AllAges;
            foreach (var (area, perYear) in b.PerYear)
            {
                var existing = baselines.FirstOrDefault(x =>
                    x.PlanPeriodId == plan.Id && x.Indicator == b.Indicator && x.AgeBand == ageBand && x.Area == area);
                if (existing is null) db.IndicatorBaselines.Add(new IndicatorBaseline(plan, b.Indicator, ageBand, area, perYear));
            }
        }
        return changed + await db.SaveChangesAsync(ct);
    }

    /// <summary>Codes the product's rules depend on are defined in code; an unknown one is a catalogue error, not a guess.</summary>
    private static string Known<TEnum>(string code) where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(code, out _)
            ? code
            : throw new InvalidOperationException($"catalog.json: '{code}' is not a known {typeof(TEnum).Name}.");
}

public sealed record CatalogDocument(
    IReadOnlyList<CatalogDocument.PlanPeriodItem> PlanPeriods,
    IReadOnlyList<CatalogDocument.FocusAreaItem> FocusAreas,
    IReadOnlyList<CatalogDocument.HousingAreaItem> HousingAreas,
    IReadOnlyList<CatalogDocument.ActivityItem> Activities,
    IReadOnlyDictionary<string, string> ReferralSources,
    IReadOnlyDictionary<string, CatalogDocument.OutcomeKindItem> OutcomeKinds,
    IReadOnlyList<CatalogDocument.BaselineItem> IndicatorBaselines,
    IReadOnlyDictionary<string, string> ClosureReasons,
    IReadOnlyDictionary<string, string> ReferralDeclineReasons,
    IReadOnlyDictionary<string, string> LogbookEntryKinds)
{
    public sealed record PlanPeriodItem(string Code, string Name, DateOnly Start, DateOnly End);
    public sealed record FocusAreaItem(string Code, string Name, string Team);
    public sealed record HousingAreaItem(string Code, string Name, string ReportsAs, IReadOnlyList<string> Departments, IReadOnlyList<string>? Plans = null);
    public sealed record ActivityItem(
        string Code, string Name, string FocusArea, string Plan, ActivityKind Kind, StartMeetingKind? StartMeeting,
        IReadOnlyList<string> ReferredBy, bool SelfReferral, bool Outreach, string? TargetGroup, IReadOnlyList<OutcomeKind> OutcomeKinds,
        int? AftercareMonths);
    public sealed record OutcomeKindItem(string Name, Indicator Indicator);
    public sealed record BaselineItem(string Plan, Indicator Indicator, string? AgeBand, IReadOnlyDictionary<string, int> PerYear);
}
