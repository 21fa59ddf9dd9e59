using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Households;

namespace Lianhua.Commerce.Core.Orders.Storage;

/// <summary>
/// A placement's claim (Placement.PlacementClaim): in table Listings, in the partition of the township whose stock the
/// placement takes first, RowKey <c>~~{station}~{key}</c> (after every listing and reservation row of the township).
/// The recipient is personal data: <see cref="Request"/> keeps it blanked and <see cref="RecipientSealed"/> holds it
/// encrypted (Households.PersonalDataProtector, bound to this row), so only the order row ever holds it in clear.
/// </summary>
public sealed class ClaimEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string StationId { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public string Request { get; set; } = "";
    public string OrderId { get; set; } = "";
    public string PickupCode { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LeasedAt { get; set; }
    public int Attempt { get; set; }
    public string? Fence { get; set; }
    /// <summary>The request's recipient, sealed; null in claims written before it was sealed (their Request holds it).</summary>
    public string? RecipientSealed { get; set; }

    public static string Row(string stationId, string key) => $"~~{stationId}~{key}";

    /// <summary>What the sealed recipient is bound to: a copy in another claim's row does not open.</summary>
    public static string SealContext(string township, string row) => $"claim-recipient\n{township}\n{row}";

    public static ClaimEntity From(Placement.PlacementClaim c, PersonalDataProtector protector)
    {
        var row = Row(c.StationId, c.Key);
        return new()
        {
            PartitionKey = c.Township, RowKey = row, StationId = c.StationId, RequestHash = c.RequestHash,
            Request = JsonSerializer.Serialize(c.Request with { Recipient = new Recipient("", "") }, Json.Options), OrderId = c.OrderId,
            PickupCode = c.PickupCode, StartedAt = c.StartedAt, LeasedAt = c.LeasedAt, Attempt = c.Attempt, Fence = c.Fence,
            RecipientSealed = protector.Seal(JsonSerializer.Serialize(c.Request.Recipient, Json.Options), SealContext(c.Township, row)).Format(),
        };
    }

    /// <summary>The canonical request with its recipient opened (the hash was taken over it, so it is the request as first sent).</summary>
    public PlaceOrder ToRequest(PersonalDataProtector protector)
    {
        var request = JsonSerializer.Deserialize<PlaceOrder>(Request, Json.Options)!;
        if (RecipientSealed is null) return request;
        var recipient = protector.Open(SealedText.Parse(RecipientSealed), SealContext(PartitionKey, RowKey));
        return request with { Recipient = JsonSerializer.Deserialize<Recipient>(recipient, Json.Options)! };
    }
}
