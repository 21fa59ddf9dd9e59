namespace Lianhua.Commerce.Core.Common;

/// <summary>Collects field errors so a client learns every problem of a request at once.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validator Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public T? Required<T>(string field, T? value) where T : struct
    {
        if (value is null) Add(field, "is required.");
        return value;
    }

    public string Text(string field, string? value, int min, int max)
    {
        if (value is null) { Add(field, "is required."); return ""; }
        var length = new System.Globalization.StringInfo(value).LengthInTextElements;
        if (string.IsNullOrWhiteSpace(value) && min > 0) Add(field, "must not be blank.");
        else if (length < min || length > max) Add(field, $"must be {min}–{max} characters.");
        return value;
    }

    public long Range(string field, long? value, long min, long max)
    {
        if (value is null) { Add(field, "is required."); return 0; }
        if (value < min || value > max) Add(field, $"must be between {min} and {max}.");
        return value.Value;
    }

    public void ThrowIfInvalid()
    {
        if (!IsValid)
            throw new ValidationFailedException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
