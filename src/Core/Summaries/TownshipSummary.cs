namespace Lianhua.Commerce.Core.Summaries;

/// <summary>A township of the network in a summary, named in Chinese (its hub's townshipName, else the hub's name).</summary>
public sealed record TownshipSummary(string TownshipCode, string Name, long OrdersDelivered, long GmvFen, long HouseholdIncomeFen);
