using BoligSocialt.App.Auth;
using BoligSocialt.App.Components.Layout;
using Bunit;

namespace BoligSocialt.Tests.Components;

/// <summary>The menu shows each role the pages it may open, and no others (the pages check again: this is only the menu).</summary>
public sealed class NavMenuTests : MudTestContext
{
    private const string Home = "Forside";
    private const string Residents = "Beboere";
    private const string Staff = "Medarbejdere";
    private const string Activities = "Aktiviteter";
    private const string PlanPeriods = "Helhedsplaner";
    private const string Baselines = "Referencetal";
    private const string AuditLog = "Revisionslog";
    private const string Retention = "Opbevaring";
    private const string Merge = "Sammenlæg beboere";
    private const string NewReferral = "Ny henvisning";
    private const string Allocation = "Fordeling";
    private const string GroupCourses = "Gruppeforløb";
    private const string TeamStatistics = "Teamets forløb";
    private const string Measurement = "Leverancemåling";
    private const string Logbook = "Logbog";
    private const string LogbookImport = "Importér logbog";
    private const string LogbookExport = "Eksportér logbog";

    private static readonly Dictionary<string, string> Hrefs = new()
    {
        [Home] = "/",
        [Residents] = "/beboere",
        [Staff] = "/admin/medarbejdere",
        [Activities] = "/admin/aktiviteter",
        [PlanPeriods] = "/admin/helhedsplaner",
        [Baselines] = "/admin/referencetal",
        [AuditLog] = "/admin/revision",
        [Retention] = "/admin/opbevaring",
        [Merge] = "/beboere/sammenlaeg",
        [NewReferral] = "/henvisninger/ny",
        [Allocation] = "/fordeling",
        [GroupCourses] = "/gruppeforloeb",
        [TeamStatistics] = "/team",
        [Measurement] = "/leverancemaaling",
        [Logbook] = "/logbog",
        [LogbookImport] = "/logbog/import",
        [LogbookExport] = "/logbog/import#eksport",
    };

    public static TheoryData<string[], string[]> RolesAndLinks => new()
    {
        { ["Mentor"], [Home, Residents, NewReferral, GroupCourses, Logbook] },
        { ["Counsellor"], [Home, Residents, NewReferral, GroupCourses, Logbook] },
        { ["TeamLeader"], [Home, Residents, NewReferral, GroupCourses, Logbook, Allocation, TeamStatistics, Measurement, Merge, LogbookImport, LogbookExport] },
        { ["Head"], [Home, Residents, NewReferral, GroupCourses, Logbook, Allocation, TeamStatistics, Measurement, Merge, LogbookExport] },
        { ["Administrator"], [Home, Merge, LogbookImport, Staff, AuditLog, Activities, PlanPeriods, Baselines, Retention] },
        { ["Analyst"], [Home, Measurement] },
        { ["Administrator", "Mentor"], [Home, Residents, NewReferral, GroupCourses, Logbook, Merge, LogbookImport, Staff, AuditLog, Activities, PlanPeriods, Baselines, Retention] },
    };

    [Theory]
    [MemberData(nameof(RolesAndLinks))]
    public void Shows_exactly_the_links_of_the_roles(string[] roles, string[] expected)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Test Testesen");
        auth.SetRoles(roles);
        auth.SetPolicies(SignIn.StaffPolicyName);

        var cut = Render<NavMenu>();

        var links = cut.FindAll("[data-testid=nav] a")
            .Select(a => (Text: a.TextContent.Trim(), Href: a.GetAttribute("href")))
            .ToList();
        Assert.Equal(expected.Order(), links.Select(l => l.Text).Order());
        foreach (var text in expected)
            Assert.Equal(Hrefs[text], Assert.Single(links, l => l.Text == text).Href);
    }

    [Fact]
    public void A_role_without_a_staff_record_sees_no_links()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Kun Rolle");
        auth.SetRoles("Mentor");

        var cut = Render<NavMenu>();

        Assert.Empty(cut.FindAll("a"));
    }

    [Fact]
    public void Anonymous_sees_no_links()
    {
        AddAuthorization().SetNotAuthorized();

        var cut = Render<NavMenu>();

        Assert.Empty(cut.FindAll("a"));
    }
}
