using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Residents;

namespace BoligSocialt.Tests.Domain;

public sealed class ResidentTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 10, 0, 0, TimeSpan.FromHours(2));
    private static readonly DateOnly Today = new(2024, 6, 1);

    private static Resident NewResident(string name = "Åse Ærø", DateOnly? born = null, string? phone = null) =>
        new(name, born ?? new DateOnly(1990, 4, 12), phone, Guid.NewGuid(), Now);

    [Fact]
    public void Correcting_the_latest_move_date_changes_it_but_not_before_the_previous_move()
    {
        var resident = NewResident();
        resident.MoveTo(1, new DateOnly(2010, 1, 1));
        resident.MoveTo(2, new DateOnly(2020, 1, 1));

        resident.CorrectLatestMoveDate(new DateOnly(2019, 6, 1));

        Assert.Equal(2, resident.DepartmentOn(new DateOnly(2019, 6, 1)));
        Assert.Equal(1, resident.DepartmentOn(new DateOnly(2019, 5, 31)));
        Assert.Throws<DomainException>(() => resident.CorrectLatestMoveDate(new DateOnly(2010, 1, 1)));
    }

    [Fact]
    public void Decomposed_danish_letters_are_spelled_out_like_composed_ones() =>
        Assert.Equal("aase aeroe", SearchText.Fold("Åse Ærø".Normalize(System.Text.NormalizationForm.FormD)));

    [Fact]
    public void Phone_with_plus_needs_eight_digits_after_the_plus() =>
        Assert.Throws<DomainException>(() => NewResident(phone: "+1234567"));

    [Theory]
    [InlineData("Åse Ærø", "aase aeroe")]
    [InlineData("José", "jose")]
    [InlineData("Søren Østergård", "soeren oestergaard")]
    [InlineData("ANNA HANSEN", "anna hansen")]
    [InlineData("anna hansen", "anna hansen")]
    [InlineData("  Anna   Marie \t Hansen  ", "anna marie hansen")]
    [InlineData("Zoë Müller", "zoe muller")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData(null, "")]
    public void Search_text_folds_case_diacritics_Danish_letters_and_spaces(string? text, string folded) =>
        Assert.Equal(folded, SearchText.Fold(text));

    [Fact]
    public void Search_tokens_are_the_folded_words()
    {
        Assert.Equal(["aase", "aeroe"], SearchText.Tokens("  Åse   ÆRØ ").ToArray());
    }

    [Fact]
    public void Search_name_is_the_folded_name()
    {
        var resident = NewResident("  Åse   Ærø ");

        Assert.Equal("Åse   Ærø", resident.Name);
        Assert.Equal("aase aeroe", resident.SearchName);
    }

    [Fact]
    public void Search_name_follows_a_change_of_name()
    {
        var resident = NewResident();

        resident.UpdateDetails("José Østergaard", resident.BirthDate, null, Today);

        Assert.Equal("jose oestergaard", resident.SearchName);
    }

    [Fact]
    public void Department_on_a_date_is_the_one_moved_into_latest_on_or_before_it()
    {
        var resident = NewResident();
        resident.MoveTo(departmentId: 2, new DateOnly(2023, 8, 1));
        resident.MoveTo(departmentId: 1, new DateOnly(2020, 1, 1));
        resident.MoveTo(departmentId: 3, new DateOnly(2024, 2, 1));

        Assert.Null(resident.DepartmentOn(new DateOnly(2019, 12, 31)));
        Assert.Equal(1, resident.DepartmentOn(new DateOnly(2020, 1, 1)));
        Assert.Equal(1, resident.DepartmentOn(new DateOnly(2023, 7, 31)));
        Assert.Equal(2, resident.DepartmentOn(new DateOnly(2023, 8, 1)));
        Assert.Equal(2, resident.DepartmentOn(new DateOnly(2024, 1, 31)));
        Assert.Equal(3, resident.DepartmentOn(new DateOnly(2024, 2, 1)));
        Assert.Equal(3, resident.DepartmentOn(new DateOnly(2030, 1, 1)));
    }

    [Fact]
    public void Resident_without_residence_history_has_no_department()
    {
        Assert.Null(NewResident().DepartmentOn(Today));
    }

    [Fact]
    public void Moving_twice_on_the_same_date_throws()
    {
        var resident = NewResident();
        resident.MoveTo(1, new DateOnly(2023, 8, 1));

        var ex = Assert.Throws<DomainException>(() => resident.MoveTo(2, new DateOnly(2023, 8, 1)));
        Assert.Equal("Der er allerede registreret en boligafdeling fra den dato.", ex.Message);
        Assert.Single(resident.Residences);
        Assert.Equal(1, resident.DepartmentOn(new DateOnly(2023, 8, 1)));
    }

    [Fact]
    public void Moving_into_the_department_already_lived_in_throws()
    {
        var resident = NewResident();
        resident.MoveTo(1, new DateOnly(2023, 8, 1));

        var ex = Assert.Throws<DomainException>(() => resident.MoveTo(1, new DateOnly(2024, 1, 1)));
        Assert.Equal("Beboeren bor allerede i den boligafdeling på den dato.", ex.Message);
        Assert.Single(resident.Residences);
    }

    [Theory]
    [InlineData("+45 12 34 56 78", "+4512345678")]
    [InlineData("12 34 56 78", "12345678")]
    [InlineData("12-34-56-78", "12345678")]
    [InlineData("  12345678  ", "12345678")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void Phone_is_normalised_to_digits_with_an_optional_plus(string? phone, string? normalised) =>
        Assert.Equal(normalised, NewResident(phone: phone).Phone);

    [Theory]
    [InlineData("12ab5678")]
    [InlineData("tlf 12345678")]
    [InlineData("1234567")]
    [InlineData("12+345678")]
    [InlineData("123456789012345678901")]
    public void Invalid_phone_throws(string phone)
    {
        var ex = Assert.Throws<DomainException>(() => NewResident(phone: phone));
        Assert.Equal("Telefonnummeret skal bestå af mindst 8 cifre (evt. med + foran).", ex.Message);
    }

    [Fact]
    public void Birth_date_in_the_future_throws()
    {
        var ex = Assert.Throws<DomainException>(() => NewResident(born: Today.AddDays(1)));
        Assert.Equal("Fødselsdatoen kan ikke ligge i fremtiden.", ex.Message);
    }

    [Fact]
    public void Birth_date_today_is_accepted()
    {
        Assert.Equal(Today, NewResident(born: Today).BirthDate);
    }

    [Fact]
    public void Birth_date_more_than_120_years_ago_throws()
    {
        Assert.Throws<DomainException>(() => NewResident(born: Today.AddYears(-120).AddDays(-1)));
        Assert.Equal(Today.AddYears(-120), NewResident(born: Today.AddYears(-120)).BirthDate);
    }

    [Fact]
    public void Blank_name_throws()
    {
        var ex = Assert.Throws<DomainException>(() => NewResident(name: "  "));
        Assert.Equal("Navn skal udfyldes.", ex.Message);
    }

    [Fact]
    public void Consent_is_recorded_with_date_and_staff_member()
    {
        var resident = NewResident();
        var staff = Guid.NewGuid();

        resident.GiveRegistrationConsent(Today, staff, Today);
        resident.GiveSharingConsent(new DateOnly(2024, 5, 1), staff, Today);

        Assert.Equal(new Consent(Today, staff), resident.RegistrationConsent);
        Assert.Equal(new Consent(new DateOnly(2024, 5, 1), staff), resident.SharingConsent);

        resident.WithdrawSharingConsent();
        Assert.Null(resident.SharingConsent);
        Assert.NotNull(resident.RegistrationConsent);
    }

    [Fact]
    public void Consent_date_in_the_future_throws()
    {
        var resident = NewResident();

        var registration = Assert.Throws<DomainException>(() => resident.GiveRegistrationConsent(Today.AddDays(1), Guid.NewGuid(), Today));
        var sharing = Assert.Throws<DomainException>(() => resident.GiveSharingConsent(Today.AddDays(1), Guid.NewGuid(), Today));

        Assert.Equal("Datoen for samtykke kan ikke ligge i fremtiden.", registration.Message);
        Assert.Equal("Datoen for samtykke kan ikke ligge i fremtiden.", sharing.Message);
        Assert.Null(resident.RegistrationConsent);
        Assert.Null(resident.SharingConsent);
    }

    [Fact]
    public void Age_counts_the_birthday_itself()
    {
        var resident = NewResident(born: new DateOnly(1994, 6, 1));

        Assert.Equal(30, resident.AgeOn(new DateOnly(2024, 6, 1)));
        Assert.Equal(29, resident.AgeOn(new DateOnly(2024, 5, 31)));
    }

    [Fact]
    public void New_resident_is_not_merged()
    {
        var resident = NewResident();

        Assert.False(resident.IsMerged);
        Assert.Null(resident.MergedIntoId);
        Assert.Equal(Now, resident.CreatedAt);
    }
}
