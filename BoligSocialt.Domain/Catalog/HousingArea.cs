using BoligSocialt.Domain.Common;

namespace BoligSocialt.Domain.Catalog;

/// <summary>A housing area (boligområde) and the area it is reported as (Kertemindevejkvarteret as Vollsmose).</summary>
public sealed class HousingArea
{
    private readonly List<Department> _departments = [];

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string ReportsAs { get; private set; } = "";
    public IReadOnlyCollection<Department> Departments => _departments.AsReadOnly();

    private HousingArea() { }

    public HousingArea(string code, string name, string reportsAs)
    {
        Code = Guard.Text(code, "Kode", 50);
        Update(name, reportsAs);
    }

    public void Update(string name, string reportsAs)
    {
        Name = Guard.Text(name, "Navn", 100);
        ReportsAs = Guard.Text(reportsAs, "Rapporteres som", 50);
    }

    public Department AddDepartment(string name)
    {
        var department = new Department(this, name);
        _departments.Add(department);
        return department;
    }
}

/// <summary>A housing department (boligafdeling): where a resident lives.</summary>
public sealed class Department
{
    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public int HousingAreaId { get; private set; }
    public HousingArea? HousingArea { get; private set; }

    private Department() { }

    internal Department(HousingArea area, string name)
    {
        HousingArea = area;
        HousingAreaId = area.Id;
        Name = Guard.Text(name, "Navn", 100);
    }
}
