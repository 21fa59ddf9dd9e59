namespace Lianhua.Commerce.Core.Common;

public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : CommerceException("Validation failed", "One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
    public override int Status => 400;

    public static ValidationFailedException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}
