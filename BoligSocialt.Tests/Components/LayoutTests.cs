using BoligSocialt.App.Auth;
using BoligSocialt.App.Components.Layout;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace BoligSocialt.Tests.Components;

public sealed class LayoutTests : MudTestContext
{
    public LayoutTests()
    {
        Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgery());
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddContent(0, "indhold"))));

    [Fact]
    public void Shows_the_app_name_the_body_and_the_signed_in_person()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Mette Mentor");
        auth.SetRoles("Mentor");
        auth.SetPolicies(SignIn.StaffPolicyName);

        var cut = RenderLayout();

        Assert.Contains("BoligSocialt", cut.Markup);
        Assert.Contains("indhold", cut.Markup);
        Assert.Equal("Mette Mentor", cut.Find("[data-testid=signed-in-user]").TextContent.Trim());
    }

    [Fact]
    public void Sign_out_is_a_button_in_a_form_posting_to_the_sign_out_endpoint_with_an_antiforgery_token()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Mette Mentor");
        auth.SetRoles("Mentor");
        auth.SetPolicies(SignIn.StaffPolicyName);

        var cut = RenderLayout();

        var button = Assert.Single(cut.FindAll("button"), b => b.TextContent.Trim() == "Log ud");
        Assert.Equal("submit", button.GetAttribute("type"));
        var form = button.Closest("form");
        Assert.NotNull(form);
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal(SignIn.SignOutPath, form.GetAttribute("action"));
        Assert.Equal("/konto/log-ud", form.GetAttribute("action"));
        var token = form.QuerySelector("input[type=hidden][name=__RequestVerificationToken]");
        Assert.NotNull(token);
        Assert.Equal(FixedAntiforgery.Token, token.GetAttribute("value"));
    }

    [Fact]
    public void Anonymous_sees_no_name_and_no_sign_out()
    {
        AddAuthorization().SetNotAuthorized();

        var cut = RenderLayout();

        Assert.Empty(cut.FindAll("[data-testid=signed-in-user]"));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Log ud");
        Assert.Contains("indhold", cut.Markup);
    }

    /// <summary>What the server's antiforgery provides during a request: here one fixed token.</summary>
    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public const string Token = "test-antiforgery-token";

        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new(Token, "__RequestVerificationToken");
    }
}
