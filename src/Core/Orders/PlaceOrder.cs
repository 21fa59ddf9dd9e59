using System.Security.Cryptography;
using System.Text.Json;
using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Orders;

/// <summary>A validated order request in canonical form: what is hashed for idempotency and kept for recovery.</summary>
public sealed record PlaceOrder(IReadOnlyList<RequestedLine> Lines, Recipient Recipient, string PaymentMethod)
{
    public const int MaxLines = 50;
    public const long MaxQuantity = 10_000;

    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(this, Json.Options)));

    public static PlaceOrder From(OrderRequest? request)
    {
        var v = new Validator();
        if (request is null) { v.Add("body", "is required."); v.ThrowIfInvalid(); }
        var lines = request!.Lines ?? [];
        if (lines.Count is < 1 or > MaxLines) v.Add("lines", $"must have 1–{MaxLines} lines.");
        var result = new List<RequestedLine>();
        for (var i = 0; i < Math.Min(lines.Count, MaxLines); i++)
        {
            var line = lines[i];
            if (line is null) { v.Add($"lines[{i}]", "is required."); continue; }
            if (Listings.Listing.TownshipOf(line.ListingId) is null) v.Add($"lines[{i}].listingId", "is not a listing id.");
            var quantity = v.Range($"lines[{i}].quantity", line.Quantity, 1, MaxQuantity);
            result.Add(new RequestedLine(line.ListingId ?? "", quantity));
        }
        if (result.Select(l => l.ListingId).Distinct().Count() != result.Count) v.Add("lines", "a listing may appear once per order.");
        var name = v.Text("recipient.name", request.Recipient?.Name, 1, 40).Trim();
        var phone = request.Recipient?.Phone;
        if (phone is null || phone.Length != 11 || phone[0] != '1' || phone[1] is < '3' or > '9' || !phone.All(char.IsAsciiDigit))
            v.Add("recipient.phone", "must be an 11-digit mainland mobile number starting with 1.");
        if (request.PaymentMethod is not ("cod" or "prepaid")) v.Add("paymentMethod", "must be cod or prepaid.");
        v.ThrowIfInvalid();
        return new PlaceOrder(result, new Recipient(name, phone!), request.PaymentMethod!);
    }
}
