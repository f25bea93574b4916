namespace BoligSocialt.Domain.Catalog;

public enum ActivityKind
{
    IndividualOrGroupCounselling,
    GroupCourse,
    PartnerActivity,
    Mentoring,
    NetworkActivity,
    Event,
    ShortCounselling,
}

/// <summary>How a course of an activity starts (catalog <c>startMeeting</c>).</summary>
public enum StartMeetingKind
{
    None,
    ThreePartyMeeting,
    NetworkMeeting,
}

public enum OutcomeKind
{
    Internship,
    WageSubsidyJob,
    OrdinaryJob,
    EducationStarted,
    SpareTimeJob,
    Volunteering,
}

/// <summary>The unique-resident indicators of the plan (DOMAIN.md).</summary>
public enum Indicator
{
    EmploymentOrEducation,
    SpareTimeJob,
    Volunteering,
}

public enum ClosureReason
{
    GoalsReached,
    ResidentEnded,
    NoContact,
    Moved,
    TransferredElsewhere,
    Other,
}

public enum ReferralDeclineReason
{
    ResidentDeclined,
    NotInTargetGroup,
    NotReached,
    ReferredElsewhere,
    Other,
}

public enum LogbookEntryKind
{
    Conversation,
    ThreePartyMeeting,
    NetworkMeeting,
    FollowUp,
    GroupSession,
    Outreach,
    Event,
    PartnerMeeting,
    PhoneCall,
}

public static class OutcomeKinds
{
    public static Indicator Indicator(this OutcomeKind kind) => kind switch
    {
        OutcomeKind.SpareTimeJob => Catalog.Indicator.SpareTimeJob,
        OutcomeKind.Volunteering => Catalog.Indicator.Volunteering,
        _ => Catalog.Indicator.EmploymentOrEducation,
    };
}
