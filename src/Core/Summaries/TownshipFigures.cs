namespace Lianhua.Commerce.Core.Summaries;

/// <summary>A producing (listing's) township's part of a period.</summary>
public sealed record TownshipFigures(string TownshipCode, long OrdersDelivered, long GmvFen, long HouseholdIncomeFen);
