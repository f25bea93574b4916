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
    public void Activate() => IsActive = true;

    public bool Allows(OutcomeKind kind) => AllowedOutcomeKinds.Contains(kind);
}
