using Microsoft.Extensions.Options;

namespace Fulfillment.ServiceDefaults.Security;

/// <summary>Names every problem of the bearer section at start-up, rather than one generic failure.</summary>
internal sealed class JwtBearerSettingsValidation : IValidateOptions<JwtBearerSettings>
{
    public ValidateOptionsResult Validate(string? name, JwtBearerSettings options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
