using System.ComponentModel.DataAnnotations;
using BoligSocialt.Domain.Common;

namespace BoligSocialt.App.Features;

/// <summary>
/// A form's own Danish rules (its attributes and <see cref="IValidatableObject"/>), checked again by the service that
/// saves it: the page checks them first, but what reaches a service over the circuit is not necessarily what the page sent.
/// </summary>
public static class FormCheck
{
    /// <exception cref="DomainException">Every problem of the form, in Danish.</exception>
    public static void Validate(object form)
    {
        var problems = new List<ValidationResult>();
        if (Validator.TryValidateObject(form, new ValidationContext(form), problems, validateAllProperties: true)) return;
        throw new DomainException(string.Join(" ", problems.Select(p => p.ErrorMessage).Distinct()));
    }
}
