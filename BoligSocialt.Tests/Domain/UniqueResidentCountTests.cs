using BoligSocialt.Domain.Catalog;
using BoligSocialt.Domain.Common;
using BoligSocialt.Domain.Counting;

namespace BoligSocialt.Tests.Domain;

/// <summary>
/// The counting rule of DOMAIN.md, "Unique new residents in employment or education (decision: exact rule)",
/// clause by clause, against <see cref="UniqueResidentCount.Compute"/>.
/// </summary>
public sealed class UniqueResidentCountTests
{
    private const Indicator Work = Indicator.EmploymentOrEducation;
    private const string Young = UniqueResidentCount.Age18To29;
    private const string Adult = UniqueResidentCount.Age30To64;
    private const string Other = UniqueResidentCount.OtherAges;
    private const string All = UniqueResidentCount.AllAges;

    private static readonly PlanPeriod Plan1 = new("HP21", "Helhedsplan 2021-2024", D(2021, 1, 1), D(2024, 9, 30));
    private static readonly PlanPeriod Plan2 = new("HP24", "Helhedsplan 2024-2028", D(2024, 10, 1), D(2028, 9, 30));

    private static readonly HousingArea[] Areas =
    [
        new("Vollsmose", "Vollsmose", "Vollsmose"),
        new("Kertemindevejkvarteret", "Kertemindevejkvarteret", "Vollsmose"),
        new("Korsløkken", "Korsløkken", "Korsløkken"),
        new("Rising", "Rising", "Rising"),
        new("Ejerslykke", "Ejerslykke", "Ejerslykke"),
    ];

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static IndicatorCount Row(Indicator indicator, string area, string ageBand, int newThisQuarter, int yearToDate, int firstTimeInPlan) =>
        new(indicator, area, ageBand, newThisQuarter, yearToDate, firstTimeInPlan);

    private static void AssertRows(IReadOnlyList<IndicatorCount> actual, params IndicatorCount[] expected) =>
        Assert.Equal(expected, actual.ToArray());

    /// <summary>A small data set: residents and their outcomes, computed against both plan periods.</summary>
    private sealed class Data
    {
        private readonly List<ResidentFact> _residents = [];
        private readonly List<OutcomeFact> _outcomes = [];

        /// <summary>Born 1980-06-15 unless told: 30-64 in every year these tests use.</summary>
        public Guid Resident(DateOnly? born = null, Guid? mergedInto = null)
        {
            var id = Guid.NewGuid();
            _residents.Add(new ResidentFact(id, born ?? D(1980, 6, 15), mergedInto));
            return id;
        }

        public Data Outcome(Guid resident, OutcomeKind kind, DateOnly date, string area = "Vollsmose")
        {
            _outcomes.Add(new OutcomeFact(resident, kind, date, area));
            return this;
        }

        public IReadOnlyList<IndicatorCount> Compute(int year, int quarter) =>
            UniqueResidentCount.Compute(year, quarter, _outcomes, _residents, Areas, [Plan1, Plan2]);
    }

    // ---- once per indicator per year --------------------------------------------------------------

    [Fact]
    public void Resident_counts_once_per_indicator_per_year()
    {
        var data = new Data();
        var resident = data.Resident();
        data.Outcome(resident, OutcomeKind.Internship, D(2023, 2, 10))
            .Outcome(resident, OutcomeKind.OrdinaryJob, D(2023, 5, 1))
            .Outcome(resident, OutcomeKind.EducationStarted, D(2023, 11, 20));

        AssertRows(data.Compute(2023, 4), Row(Work, "Vollsmose", Adult, 0, 1, 1));
    }

    [Fact]
    public void Resident_counts_in_each_indicator_separately()
    {
        var data = new Data();
        var resident = data.Resident();
        data.Outcome(resident, OutcomeKind.OrdinaryJob, D(2023, 3, 1))
            .Outcome(resident, OutcomeKind.Volunteering, D(2023, 3, 2))
            .Outcome(resident, OutcomeKind.SpareTimeJob, D(2023, 3, 3));

        AssertRows(data.Compute(2023, 1),
            Row(Work, "Vollsmose", Adult, 1, 1, 1),
            Row(Indicator.SpareTimeJob, "Vollsmose", All, 1, 1, 1),
            Row(Indicator.Volunteering, "Vollsmose", All, 1, 1, 1));
    }

    [Theory]
    [InlineData(OutcomeKind.Internship, Indicator.EmploymentOrEducation, "30-64")]
    [InlineData(OutcomeKind.WageSubsidyJob, Indicator.EmploymentOrEducation, "30-64")]
    [InlineData(OutcomeKind.OrdinaryJob, Indicator.EmploymentOrEducation, "30-64")]
    [InlineData(OutcomeKind.EducationStarted, Indicator.EmploymentOrEducation, "30-64")]
    [InlineData(OutcomeKind.SpareTimeJob, Indicator.SpareTimeJob, "all")]
    [InlineData(OutcomeKind.Volunteering, Indicator.Volunteering, "all")]
    public void Each_outcome_kind_counts_in_its_indicator(OutcomeKind kind, Indicator indicator, string ageBand)
    {
        var data = new Data();
        data.Outcome(data.Resident(), kind, D(2023, 5, 5));

        AssertRows(data.Compute(2023, 2), Row(indicator, "Vollsmose", ageBand, 1, 1, 1));
    }

    // ---- new in quarter / year to date ------------------------------------------------------------

    /// <summary>Ten residents with outcomes spread over 2023 (one plan period covers the whole year).</summary>
    private static Data SpreadOverTheYear()
    {
        var data = new Data();
        var r1 = data.Resident(D(2000, 3, 1));
        data.Outcome(r1, OutcomeKind.Internship, D(2023, 1, 15)).Outcome(r1, OutcomeKind.OrdinaryJob, D(2023, 8, 1));
        var r2 = data.Resident(D(1980, 1, 1));
        data.Outcome(r2, OutcomeKind.WageSubsidyJob, D(2023, 4, 3), "Korsløkken");
        var r3 = data.Resident(D(1975, 1, 1));
        data.Outcome(r3, OutcomeKind.EducationStarted, D(2023, 6, 30)).Outcome(r3, OutcomeKind.EducationStarted, D(2023, 7, 1));
        var r4 = data.Resident(D(1999, 1, 1));
        data.Outcome(r4, OutcomeKind.OrdinaryJob, D(2023, 9, 30), "Kertemindevejkvarteret");
        var r5 = data.Resident(D(1970, 1, 1));
        data.Outcome(r5, OutcomeKind.Internship, D(2023, 12, 31), "Rising");
        var r6 = data.Resident(D(2001, 1, 1));
        data.Outcome(r6, OutcomeKind.Volunteering, D(2023, 2, 1)).Outcome(r6, OutcomeKind.Volunteering, D(2023, 11, 11), "Rising");
        var r7 = data.Resident(D(1960, 1, 1));
        data.Outcome(r7, OutcomeKind.Volunteering, D(2023, 10, 1), "Rising");
        var r8 = data.Resident(D(2007, 5, 5));
        data.Outcome(r8, OutcomeKind.SpareTimeJob, D(2023, 5, 5), "Ejerslykke").Outcome(r8, OutcomeKind.OrdinaryJob, D(2023, 6, 1), "Ejerslykke");
        var r9 = data.Resident(D(1990, 1, 1));
        data.Outcome(r9, OutcomeKind.Internship, D(2022, 5, 1));
        var r10 = data.Resident(D(1990, 1, 1));
        data.Outcome(r10, OutcomeKind.OrdinaryJob, D(2022, 11, 1)).Outcome(r10, OutcomeKind.OrdinaryJob, D(2023, 3, 15));
        return data;
    }

    [Fact]
    public void Year_to_date_of_Q4_has_exactly_the_expected_rows()
    {
        AssertRows(SpreadOverTheYear().Compute(2023, 4),
            Row(Work, "Ejerslykke", Other, 0, 1, 1),
            Row(Work, "Korsløkken", Adult, 0, 1, 1),
            Row(Work, "Rising", Adult, 1, 1, 1),
            Row(Work, "Vollsmose", Young, 0, 2, 2),
            Row(Work, "Vollsmose", Adult, 0, 2, 1),
            Row(Indicator.SpareTimeJob, "Ejerslykke", All, 0, 1, 1),
            Row(Indicator.Volunteering, "Rising", All, 1, 1, 1),
            Row(Indicator.Volunteering, "Vollsmose", All, 0, 1, 1));
    }

    [Fact]
    public void Quarterly_new_figures_add_up_to_the_year_to_date_of_Q4()
    {
        var data = SpreadOverTheYear();
        var quarters = Enumerable.Range(1, 4).Select(q => data.Compute(2023, q)).ToList();

        var summedNew = quarters.SelectMany(rows => rows)
            .GroupBy(r => (r.Indicator, r.Area, r.AgeBand))
            .ToDictionary(g => g.Key, g => g.Sum(r => r.NewThisQuarter));
        var yearToDate = quarters[3].ToDictionary(r => (r.Indicator, r.Area, r.AgeBand), r => r.YearToDate);

        Assert.Equal(yearToDate.OrderBy(kv => kv.Key.ToString()), summedNew.OrderBy(kv => kv.Key.ToString()));
        Assert.Equal([3, 4, 1, 2], quarters.Select(rows => rows.Sum(r => r.NewThisQuarter)).ToArray());
        Assert.Equal(10, quarters[3].Sum(r => r.YearToDate));
    }

    [Fact]
    public void Resident_is_new_only_in_the_quarter_of_the_first_outcome_of_the_year()
    {
        var data = new Data();
        var resident = data.Resident();
        data.Outcome(resident, OutcomeKind.Internship, D(2023, 2, 1))
            .Outcome(resident, OutcomeKind.OrdinaryJob, D(2023, 8, 1));

        AssertRows(data.Compute(2023, 1), Row(Work, "Vollsmose", Adult, 1, 1, 1));
        AssertRows(data.Compute(2023, 2), Row(Work, "Vollsmose", Adult, 0, 1, 1));
        AssertRows(data.Compute(2023, 3), Row(Work, "Vollsmose", Adult, 0, 1, 1));
        AssertRows(data.Compute(2023, 4), Row(Work, "Vollsmose", Adult, 0, 1, 1));
    }

    [Fact]
    public void Outcome_in_a_later_quarter_is_not_in_an_earlier_quarters_year_to_date()
    {
        var data = new Data();
        data.Outcome(data.Resident(), OutcomeKind.OrdinaryJob, D(2023, 7, 1));
        data.Outcome(data.Resident(), OutcomeKind.OrdinaryJob, D(2023, 6, 30));

        AssertRows(data.Compute(2023, 1));
        AssertRows(data.Compute(2023, 2), Row(Work, "Vollsmose", Adult, 1, 1, 1));
        AssertRows(data.Compute(2023, 3), Row(Work, "Vollsmose", Adult, 1, 2, 2));
    }

    [Fact]
    public void Previous_years_outcome_does_not_make_a_resident_not_new_this_year()
    {
        var data = new Data();
        var resident = data.Resident();
        data.Outcome(resident, OutcomeKind.OrdinaryJob, D(2022, 12, 31))
            .Outcome(resident, OutcomeKind.OrdinaryJob, D(2023, 1, 1));

        AssertRows(data.Compute(2022, 4), Row(Work, "Vollsmose", Adult, 1, 1, 1));
        // New again in 2023; only "first time in the plan period" remembers 2022.
        AssertRows(data.Compute(2023, 1), Row(Work, "Vollsmose", Adult, 1, 1, 0));
    }

    // ---- age band ---------------------------------------------------------------------------------

    [Fact]
    public void Thirtieth_birthday_on_the_date_of_the_first_outcome_gives_age_band_30_64()
    {
        var data = new Data();
        data.Outcome(data.Resident(D(1993, 5, 10)), OutcomeKind.OrdinaryJob, D(2023, 5, 10));

        AssertRows(data.Compute(2023, 2), Row(Work, "Vollsmose", Adult, 1, 1, 1));
    }

    [Fact]
    public void Day_before_the_thirtieth_birthday_gives_age_band_18_29()
    {
        var data = new Data();
        data.Outcome(data.Resident(D(1993, 5, 10)), OutcomeKind.OrdinaryJob, D(2023, 5, 9));

        AssertRows(data.Compute(2023, 2), Row(Work, "Vollsmose", Young, 1, 1, 1));
    }

    [Theory]
    [InlineData(17, "other")]
    [InlineData(18, "18-29")]
    [InlineData(29, "18-29")]
    [InlineData(30, "30-64")]
    [InlineData(64, "30-64")]
    [InlineData(65, "other")]
    public void Age_on_the_first_outcome_decides_the_age_band_and_other_ages_are_never_dropped(int age, string ageBand)
    {
        var data = new Data();
        data.Outcome(data.Resident(D(2023 - age, 6, 15)), OutcomeKind.Internship, D(2023, 6, 15));

        AssertRows(data.Compute(2023, 2), Row(Work, "Vollsmose", ageBand, 1, 1, 1));
    }

    [Fact]
    public void Later_outcome_at_an_older_age_does_not_move_the_row()
    {
        var data = new Data();
        var resident = data.Resident(D(1993, 5, 10));
        data.Outcome(resident, OutcomeKind.Internship, D(2023, 5, 9))
            .Outcome(resident, OutcomeKind.OrdinaryJob, D(2023, 5, 11))
            .Outcome(resident, OutcomeKind.OrdinaryJob, D(2023, 10, 1));

        AssertRows(data.Compute(2023, 4), Row(Work, "Vollsmose", Young, 0, 1, 1));
    }

    [Fact]
    public void Spare_time_jobs_and_volunteering_use_age_band_all()
    {
        var data = new Data();
        data.Outcome(data.Resident(D(2008, 1, 1)), OutcomeKind.SpareTimeJob, D(2023, 4, 1));
        data.Outcome(data.Resident(D(1983, 1, 1)), OutcomeKind.SpareTimeJob, D(2023, 4, 1));
        data.Outcome(data.Resident(D(2003, 1, 1)), OutcomeKind.Volunteering, D(2023, 4, 1));
        data.Outcome(data.Resident(D(1950, 1, 1)), OutcomeKind.Volunteering, D(2023, 4, 1));

        AssertRows(data.Compute(2023, 2),
            Row(Indicator.SpareTimeJob, "Vollsmose", All, 2, 2, 2),
            Row(Indicator.Volunteering, "Vollsmose", All, 2, 2, 2));
    }

    [Theory]
    [InlineData(Indicator.SpareTimeJob, 16)]
    [InlineData(Indicator.SpareTimeJob, 40)]
    [InlineData(Indicator.Volunteering, 17)]
    [InlineData(Indicator.Volunteering, 70)]
    public void Age_band_of_spare_time_jobs_and_volunteering_is_all_at_any_age(Indicator indicator, int age) =>
        Assert.Equal("all", UniqueResidentCount.AgeBand(indicator, age));

    // ---- area -------------------------------------------------------------------------------------

    [Fact]
    public void Area_is_the_one_stored_on_the_first_outcome_of_the_year()
    {
        var data = new Data();
        var resident = data.Resident();
        data.Outcome(resident, OutcomeKind.Internship, D(2023, 2, 1), "Korsløkken")
            .Outcome(resident, OutcomeKind.OrdinaryJob, D(2023, 5, 1), "Rising");

        AssertRows(data.Compute(2023, 2), Row(Work, "Korsløkken", Adult, 0, 1, 1));
    }

    [Fact]
    public void Kertemindevejkvarteret_is_reported_as_Vollsmose()
    {
        var data = new Data();
        data.Outcome(data.Resident(), OutcomeKind.OrdinaryJob, D(2023, 3, 1), "Kertemindevejkvarteret");
        data.Outcome(data.Resident(), OutcomeKind.OrdinaryJob, D(2023, 3, 2), "Vollsmose");
        data.Outcome(data.Resident(), OutcomeKind.Volunteering, D(2023, 3, 3), "Kertemindevejkvarteret");

        AssertRows(data.Compute(2023, 1),
            Row(Work, "Vollsmose", Adult, 2, 2, 2),
            Row(Indicator.Volunteering, "Vollsmose", All, 1, 1, 1));
    }

    // ---- first time in the plan period ------------------------------------------------------------

    [Fact]
    public void Resident_first_in_plan_in_2022_counts_in_2022_first_time_in_plan_but_not_in_2023()
    {
        var data = new Data();
        var resident = data.Resident();
        data.Outcome(resident, OutcomeKind.Internship, D(2022, 4, 1))
            .Outcome(resident, OutcomeKind.OrdinaryJob, D(2023, 4, 1));

        AssertRows(data.Compute(2022, 4), Row(Work, "Vollsmose", Adult, 0, 1, 1));
        AssertRows(data.Compute(2023, 4), Row(Work, "Vollsmose", Adult, 0, 1, 0));
    }

    [Fact]
    public void First_time_in_both_plans_of_2024_counts_once_in_the_row_of_the_earlier_outcome()
    {
        var data = new Data();
        // 29 in March 2024 (18-29), 30 in November 2024 (30-64).
        var resident = data.Resident(D(1994, 6, 1));
        data.Outcome(resident, OutcomeKind.Internship, D(2024, 3, 10), "Korsløkken")
            .Outcome(resident, OutcomeKind.OrdinaryJob, D(2024, 11, 5), "Rising");

        AssertRows(data.Compute(2024, 1), Row(Work, "Korsløkken", Young, 1, 1, 1));
        AssertRows(data.Compute(2024, 4), Row(Work, "Korsløkken", Young, 0, 1, 1));
    }

    [Fact]
    public void Resident_with_plan_1_outcomes_in_2023_and_only_plan_2_outcomes_in_2024_is_first_time_in_plan_2()
    {
        var data = new Data();
        var resident = data.Resident();
        data.Outcome(resident, OutcomeKind.Internship, D(2023, 5, 1), "Vollsmose")
            .Outcome(resident, OutcomeKind.OrdinaryJob, D(2024, 11, 1), "Rising");

        AssertRows(data.Compute(2024, 3));
        AssertRows(data.Compute(2024, 4), Row(Work, "Rising", Adult, 1, 1, 1));
    }

    [Fact]
    public void First_time_in_plan_2_is_counted_in_the_row_of_the_plan_2_outcome_not_the_first_outcome_of_the_year()
    {
        var data = new Data();
        var resident = data.Resident();
        data.Outcome(resident, OutcomeKind.Internship, D(2023, 5, 1), "Vollsmose")
            .Outcome(resident, OutcomeKind.Internship, D(2024, 2, 1), "Korsløkken")
            .Outcome(resident, OutcomeKind.OrdinaryJob, D(2024, 11, 1), "Rising");

        AssertRows(data.Compute(2024, 3), Row(Work, "Korsløkken", Adult, 0, 1, 0));
        AssertRows(data.Compute(2024, 4),
            Row(Work, "Korsløkken", Adult, 0, 1, 0),
            Row(Work, "Rising", Adult, 0, 0, 1));
    }

    // ---- merged residents -------------------------------------------------------------------------

    [Fact]
    public void Merged_residents_count_once_with_the_survivors_birth_date()
    {
        var data = new Data();
        var survivor = data.Resident(D(2000, 1, 1));
        var duplicate = data.Resident(D(1980, 1, 1), mergedInto: survivor);
        data.Outcome(duplicate, OutcomeKind.Internship, D(2023, 2, 1))
            .Outcome(survivor, OutcomeKind.OrdinaryJob, D(2023, 5, 1));

        AssertRows(data.Compute(2023, 2), Row(Work, "Vollsmose", Young, 0, 1, 1));
    }

    [Fact]
    public void Merge_chain_counts_once_as_the_last_survivor()
    {
        var data = new Data();
        var c = data.Resident(D(1960, 1, 1));
        var b = data.Resident(D(2000, 1, 1), mergedInto: c);
        var a = data.Resident(D(2000, 1, 1), mergedInto: b);
        data.Outcome(a, OutcomeKind.Internship, D(2023, 1, 10))
            .Outcome(b, OutcomeKind.OrdinaryJob, D(2023, 2, 10))
            .Outcome(c, OutcomeKind.EducationStarted, D(2023, 3, 10));

        AssertRows(data.Compute(2023, 1), Row(Work, "Vollsmose", Adult, 1, 1, 1));
    }

    // ---- quarters and dates -----------------------------------------------------------------------

    [Theory]
    [InlineData(1, 1, 1, 3, 31)]
    [InlineData(2, 4, 1, 6, 30)]
    [InlineData(3, 7, 1, 9, 30)]
    [InlineData(4, 10, 1, 12, 31)]
    public void Quarter_dates_are_calendar_quarters(int quarter, int fromMonth, int fromDay, int toMonth, int toDay)
    {
        var (from, to) = UniqueResidentCount.QuarterDates(2024, quarter);

        Assert.Equal(D(2024, fromMonth, fromDay), from);
        Assert.Equal(D(2024, toMonth, toDay), to);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Invalid_quarter_throws(int quarter)
    {
        var ex = Assert.Throws<DomainException>(() => UniqueResidentCount.QuarterDates(2024, quarter));
        Assert.Equal("Kvartalet skal være 1, 2, 3 eller 4.", ex.Message);
        Assert.Throws<DomainException>(() => new Data().Compute(2024, quarter));
    }

    [Theory]
    [InlineData(2024, 2, 28, 23)]
    [InlineData(2024, 2, 29, 24)]
    [InlineData(2023, 2, 27, 22)]
    [InlineData(2023, 2, 28, 23)]
    [InlineData(2023, 3, 1, 23)]
    public void Born_on_29_February_is_a_year_older_on_28_February_in_a_non_leap_year(int year, int month, int day, int age) =>
        Assert.Equal(age, D(2000, 2, 29).AgeOn(D(year, month, day)));
}
