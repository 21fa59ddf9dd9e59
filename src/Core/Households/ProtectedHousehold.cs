namespace Lianhua.Commerce.Core.Households;

/// <summary>A household as stored: its public fields, and the full name and national ID sealed (<see cref="PersonalDataProtector"/>).</summary>
public sealed record ProtectedHousehold(Household Household, SealedText Name, SealedText NationalId, DateTimeOffset RegisteredAt)
{
    /// <summary>What a sealed field is bound to: its household and its name.</summary>
    public static string Context(string householdId, string field) => $"household/{householdId}/{field}";
}
