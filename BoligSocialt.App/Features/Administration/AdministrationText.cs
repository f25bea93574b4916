using BoligSocialt.Domain.Catalog;

namespace BoligSocialt.App.Features.Administration;

/// <summary>The Danish names the administration pages show for the catalogue's codes.</summary>
public static class AdministrationText
{
    public static string Danish(this ActivityKind kind) => kind switch
    {
        ActivityKind.IndividualOrGroupCounselling => "Individuel eller gruppevis rådgivning",
        ActivityKind.GroupCourse => "Gruppeforløb",
        ActivityKind.PartnerActivity => "Partneraktivitet",
        ActivityKind.Mentoring => "Mentorforløb",
        ActivityKind.NetworkActivity => "Netværksaktivitet",
        ActivityKind.Event => "Arrangement",
        ActivityKind.ShortCounselling => "Kort rådgivning",
        _ => kind.ToString(),
    };

    public static string Danish(this StartMeetingKind meeting) => meeting switch
    {
        StartMeetingKind.None => "Intet startmøde",
        StartMeetingKind.ThreePartyMeeting => "3-partssamtale",
        StartMeetingKind.NetworkMeeting => "Netværksmøde",
        _ => meeting.ToString(),
    };

    public static string Danish(this OutcomeKind kind) => kind switch
    {
        OutcomeKind.Internship => "Praktikplads",
        OutcomeKind.WageSubsidyJob => "Løntilskud",
        OutcomeKind.OrdinaryJob => "Ordinært arbejde",
        OutcomeKind.EducationStarted => "Påbegyndt uddannelse",
        OutcomeKind.SpareTimeJob => "Fritidsjob",
        OutcomeKind.Volunteering => "Frivilligt arbejde",
        _ => kind.ToString(),
    };

    public static string Danish(this IEnumerable<OutcomeKind> kinds) =>
        string.Join(", ", kinds.Select(k => k.Danish())) is { Length: > 0 } text ? text : "Ingen";
}
