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

    /// <summary>
    /// Most UTF-16 units one character (text element) of a text may take on average: a CJK character outside the Basic
    /// Multilingual Plane takes 2, an emoji sequence up to about 11. Beyond that the text is stacked combining marks, and it
    /// is refused before it can reach storage's limits (a string property holds 32K units).
    /// </summary>
    public const int MaxUnitsPerCharacter = 8;

    /// <summary>A text of <paramref name="min"/>–<paramref name="max"/> characters as a reader counts them (text elements).</summary>
    public string Text(string field, string? value, int min, int max)
    {
        if (value is null) { Add(field, "is required."); return ""; }
        if (string.IsNullOrWhiteSpace(value) && min > 0) Add(field, "must not be blank.");
        else if (value.Length > max * MaxUnitsPerCharacter) Add(field, $"must be {min}–{max} characters (it stacks too many marks on them).");
        else if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) Add(field, "must not contain control characters.");
        else if (new System.Globalization.StringInfo(value).LengthInTextElements is var length && (length < min || length > max))
            Add(field, $"must be {min}–{max} characters.");
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
