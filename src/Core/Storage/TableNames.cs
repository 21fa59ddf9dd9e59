namespace Lianhua.Commerce.Core.Storage;

/// <summary>Every table the app uses; docs/storage.md describes their keys.</summary>
public static class TableNames
{
    public const string ApiKeys = "ApiKeys";
    public const string Network = "Network";
    public const string Listings = "Listings";
    public const string Orders = "Orders";
    public const string Runs = "Runs";
    public const string HouseholdLedger = "HouseholdLedger";
    /// <summary>The prefix of the day tables (<c>DailyLedger{yyyyMMdd}</c>), made when a day's first posting is written.</summary>
    public const string DailyLedger = "DailyLedger";
    public const string Attention = "Attention";
    public const string Households = "Households";
    public const string SalesSummaries = "SalesSummaries";

    public static readonly string[] All = [ApiKeys, Network, Listings, Orders, Runs, Households, HouseholdLedger, Attention, SalesSummaries];
}
