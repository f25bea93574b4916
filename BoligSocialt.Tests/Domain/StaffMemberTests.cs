using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Staff;

namespace BoligSocialt.Tests.Domain;

public sealed class StaffMemberTests
{
    [Fact]
    public void Staff_member_needs_at_least_one_role()
    {
        var ex = Assert.Throws<DomainException>(() => new StaffMember("Mette Madsen", null, StaffRoles.None, 1));
        Assert.Equal("Vælg mindst én rolle.", ex.Message);
    }

    [Theory]
    [InlineData(StaffRoles.Mentor)]
    [InlineData(StaffRoles.Counsellor)]
    [InlineData(StaffRoles.TeamLeader)]
    [InlineData(StaffRoles.Head)]
    [InlineData(StaffRoles.Analyst | StaffRoles.Mentor)]
    public void Case_working_roles_without_a_team_throw(StaffRoles roles)
    {
        var ex = Assert.Throws<DomainException>(() => new StaffMember("Mette Madsen", null, roles, teamId: null));
        Assert.Equal("Mentorer, rådgivere, teamledere og chefen skal høre til et team.", ex.Message);
    }

    [Theory]
    [InlineData(StaffRoles.Analyst)]
    [InlineData(StaffRoles.Administrator)]
    [InlineData(StaffRoles.Analyst | StaffRoles.Administrator)]
    public void Analyst_and_administrator_need_no_team(StaffRoles roles)
    {
        var staff = new StaffMember("Ali Hassan", null, roles, teamId: null);

        Assert.Equal(roles, staff.Roles);
        Assert.Null(staff.TeamId);
    }

    [Fact]
    public void Mentor_with_a_team_is_created_active()
    {
        var staff = new StaffMember("  Mette Madsen ", null, StaffRoles.Mentor | StaffRoles.Counsellor, teamId: 2);

        Assert.Equal("Mette Madsen", staff.Name);
        Assert.Equal(2, staff.TeamId);
        Assert.True(staff.IsActive);
        Assert.True(staff.Has(StaffRoles.Counsellor));
        Assert.False(staff.Has(StaffRoles.TeamLeader));
        Assert.Equal([StaffRoles.Mentor, StaffRoles.Counsellor], staff.Roles.Split().ToArray());
    }

    [Fact]
    public void Email_is_trimmed_and_lower_cased()
    {
        var staff = new StaffMember("Mette Madsen", "  Mette.Madsen@BoligSocialt.DK ", StaffRoles.Analyst, null);

        Assert.Equal("mette.madsen@boligsocialt.dk", staff.Email);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Email_is_optional(string? email)
    {
        Assert.Null(new StaffMember("Mette Madsen", email, StaffRoles.Analyst, null).Email);
    }

    [Fact]
    public void Invalid_email_throws()
    {
        var ex = Assert.Throws<DomainException>(() => new StaffMember("Mette Madsen", "mette.boligsocialt.dk", StaffRoles.Analyst, null));
        Assert.Equal("E-mail skal være en gyldig adresse.", ex.Message);
    }

    [Fact]
    public void Role_names_parse_case_insensitively_and_ignore_unknown_names()
    {
        Assert.Equal(StaffRoles.Mentor | StaffRoles.TeamLeader, StaffRoleNames.Parse(["Mentor", "teamleader", "Bogus"]));
    }

    [Fact]
    public void Role_names_that_are_not_single_roles_are_ignored()
    {
        Assert.Equal(StaffRoles.None, StaffRoleNames.Parse(["None", "3", "Mentor, Counsellor", ""]));
    }

    [Theory]
    [InlineData(StaffRoles.Mentor, "Mentor")]
    [InlineData(StaffRoles.Counsellor, "Rådgiver")]
    [InlineData(StaffRoles.TeamLeader, "Teamleder")]
    [InlineData(StaffRoles.Head, "Chef")]
    [InlineData(StaffRoles.Analyst | StaffRoles.Administrator, "Analyse, Administrator")]
    public void Roles_have_Danish_names(StaffRoles roles, string danish) =>
        Assert.Equal(danish, roles.Danish());

    [Fact]
    public void Deactivated_staff_member_can_be_activated_again()
    {
        var staff = new StaffMember("Mette Madsen", null, StaffRoles.Analyst, null);

        staff.Deactivate();
        Assert.False(staff.IsActive);
        staff.Activate();
        Assert.True(staff.IsActive);
    }

    [Fact]
    public void A_person_named_in_a_legacy_logbook_is_kept_inactive_and_without_a_role()
    {
        var person = StaffMember.NamedInLegacyLogbook("  Mette Lund ");

        Assert.Equal(("Mette Lund", false, StaffRoles.None, (int?)null, (string?)null), (person.Name, person.IsActive, person.Roles, person.TeamId, person.Email));
        Assert.Throws<DomainException>(() => StaffMember.NamedInLegacyLogbook(" "));
    }
}
