using System.Text.Json.Serialization;

namespace Lianhua.Commerce.Core.Summaries;

/// <summary>
/// A summary as the contract answers it. <see cref="Stale"/> and <see cref="BuiltAt"/> belong to a day's snapshot only (null,
/// so left out, for a month or the cumulative report).
/// </summary>
public sealed record SalesSummary(string Period, long OrdersDelivered, long GmvFen, long HouseholdIncomeFen, long RefundsFen,
    long HouseholdsReached, IReadOnlyList<TownshipSummary> ByTownship, IReadOnlyList<CategoryFigures> ByCategory,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Stale = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? BuiltAt = null);
