using BoligSocialt.Domain.Common;

namespace BoligSocialt.Domain.Catalog;

public sealed class Team
{
    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    private Team() { }

    public Team(string code, string name)
    {
        Code = Guard.Text(code, "Kode", 20);
        Rename(name);
    }

    public void Rename(string name) => Name = Guard.Text(name, "Navn", 100);
}

public sealed class FocusArea
{
    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int TeamId { get; private set; }
    public Team? Team { get; private set; }

    private FocusArea() { }

    public FocusArea(string code, string name, Team team)
    {
        Code = Guard.Text(code, "Kode", 50);
        Update(name, team);
    }

    public void Update(string name, Team team)
    {
        Name = Guard.Text(name, "Navn", 100);
        Team = team;
        TeamId = team.Id;
    }
}
