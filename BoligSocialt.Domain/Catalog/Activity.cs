using BoligSocialt.Domain.Common;

namespace BoligSocialt.Domain.Catalog;

/// <summary>An activity (aktivitet) of one plan period: the unit of delivery and of measurement.</summary>
public sealed class Activity
{
    public const int DefaultFollowUpIntervalDays = 30;

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int FocusAreaId { get; private set; }
    public FocusArea? FocusArea { get; private set; }
    public int PlanPeriodId { get; private set; }
    public PlanPeriod? PlanPeriod { get; private set; }
    public ActivityKind Kind { get; private set; }
    public StartMeetingKind StartMeeting { get; private set; }
    public string TargetGroup { get; private set; } = "";
    public bool AcceptsSelfReferral { get; private set; }
    public bool AcceptsOutreach { get; private set; }
    /// <summary>Referral source codes of the professionals who usually refer to this activity.</summary>
    public List<string> ReferredBy { get; private set; } = [];
    public List<OutcomeKind> AllowedOutcomeKinds { get; private set; } = [];
    public int FollowUpIntervalDays { get; private set; } = DefaultFollowUpIntervalDays;
    /// <summary>Months of monthly aftercare calls (efterværn) after a course closes; 0 when the activity has none.</summary>
    public int AftercareMonths { get; private set; }
    public bool IsActive { get; private set; } = true;

    private Activity() { }

    public Activity(string code, FocusArea focusArea, PlanPeriod plan)
    {
        Code = Guard.Text(code, "Kode", 20);
        FocusArea = focusArea;
        FocusAreaId = focusArea.Id;
        PlanPeriod = plan;
        PlanPeriodId = plan.Id;
    }

    public void Describe(string name, ActivityKind kind, StartMeetingKind startMeeting, string? targetGroup,
        bool acceptsSelfReferral, bool acceptsOutreach, IEnumerable<string> referredBy, IEnumerable<OutcomeKind> allowedOutcomeKinds)
    {
        Name = Guard.Text(name, "Navn", 200);
        Kind = kind;
        StartMeeting = startMeeting;
        TargetGroup = targetGroup?.Trim() ?? "";
        AcceptsSelfReferral = acceptsSelfReferral;
        AcceptsOutreach = acceptsOutreach;
        ReferredBy = referredBy.Distinct().ToList();
        AllowedOutcomeKinds = allowedOutcomeKinds.Distinct().ToList();
    }

    public void MoveTo(FocusArea focusArea)
    {
        FocusArea = focusArea;
        FocusAreaId = focusArea.Id;
    }

    public void Rename(string name) => Name = Guard.Text(name, "Navn", 200);

    /// <summary>
    /// Moves the activity to another focus area, and so perhaps to another team. Its open cases and referrals waiting for
    /// allocation or an answer belong to the team leader of the activity's team: while it has any, it stays in its team.
    /// </summary>
    public void ChangeFocusArea(FocusArea focusArea, bool hasOpenWork)
    {
        var current = FocusArea ?? throw new InvalidOperationException("The activity's focus area is not loaded.");
        if (!SameTeam(current, focusArea) && hasOpenWork)
            throw new DomainException($"Aktiviteten {Name} har åbne forløb eller henvisninger og kan ikke skifte team. Luk dem eller opret en ny aktivitet.");
        MoveTo(focusArea);
    }

    /// <summary>By id once saved; by the team object before (as in memory, where every id is still 0).</summary>
    private static bool SameTeam(FocusArea a, FocusArea b) =>
        a.TeamId != 0 || b.TeamId != 0 ? a.TeamId == b.TeamId : a.Team == b.Team;

    public void ChangeKind(ActivityKind kind)
    {
        if (!Enum.IsDefined(kind)) throw new DomainException("Vælg en aktivitetstype fra listen.");
        Kind = kind;
    }

    public void ChangeStartMeeting(StartMeetingKind startMeeting)
    {
        if (!Enum.IsDefined(startMeeting)) throw new DomainException("Vælg et startmøde fra listen.");
        StartMeeting = startMeeting;
    }

    public void AllowOutcomes(IEnumerable<OutcomeKind> kinds)
    {
        var allowed = kinds.Distinct().ToList();
        if (allowed.Any(k => !Enum.IsDefined(k))) throw new DomainException("Vælg resultattyper fra listen.");
        AllowedOutcomeKinds = allowed;
    }

    /// <summary>
    /// A copy of this activity for a new plan period, under a code of its own: the same name, focus area, start meeting,
    /// outcomes, follow-up and aftercare, active, ready for the administrator to edit.
    /// </summary>
    public Activity CopyTo(PlanPeriod plan, string code)
    {
        if (plan == PlanPeriod || (plan.Id != 0 && plan.Id == PlanPeriodId))
            throw new DomainException("En aktivitet kopieres til en anden helhedsplan end sin egen.");
        var focusArea = FocusArea ?? throw new InvalidOperationException("The activity's focus area is not loaded.");
        var copy = new Activity(code, focusArea, plan);
        copy.Describe(Name, Kind, StartMeeting, TargetGroup, AcceptsSelfReferral, AcceptsOutreach, ReferredBy, AllowedOutcomeKinds);
        copy.SetFollowUpInterval(FollowUpIntervalDays);
        copy.SetAftercare(AftercareMonths);
        return copy;
    }

    public void SetFollowUpInterval(int days)
    {
        if (days is < 1 or > 365) throw new DomainException("Opfølgningsintervallet skal være mellem 1 og 365 dage.");
        FollowUpIntervalDays = days;
    }

    public void SetAftercare(int months)
    {
        if (months is < 0 or > 24) throw new DomainException("Efterværn kan vare fra 0 til 24 måneder.");
        AftercareMonths = months;
    }

    public void Deactivate() => IsActive = false;
    public void Activate()
    {
        if (PlanPeriod is { IsActive: false }) throw new DomainException($"Helhedsplanen {PlanPeriod.Name} er deaktiveret: aktivér den først.");
        IsActive = true;
    }

    public bool Allows(OutcomeKind kind) => AllowedOutcomeKinds.Contains(kind);
}
