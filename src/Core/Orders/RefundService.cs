using Lianhua.Commerce.Core.Attribution;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Idempotency;
using Lianhua.Commerce.Core.Orders.Storage;
using Lianhua.Commerce.Core.Security;
using Microsoft.Extensions.Logging;

namespace Lianhua.Commerce.Core.Orders;

/// <summary>
/// POST /api/orders/{id}/refunds: money back for delivered units not refunded yet. The refund, the key's record and the
/// ledger work it owes (the reversal of those units' household attribution) commit with the order in one transaction; the
/// reversal is then written at once, and by reconciliation if that write is lost.
/// </summary>
public sealed class RefundService(OrderService orders, OrderStore store, IdempotentOperations idempotency, LedgerWriter ledger,
    TimeProvider clock, ILogger<RefundService> logger)
{
    public const string Operation = "refund";

    public async Task<StoredResponse> RefundAsync(Caller caller, string orderId, IdempotencyKey key, RefundRequest? request, CancellationToken ct)
    {
        var (lines, reason) = Validate(request);
        var order = await orders.GetAsync(caller, orderId, ct);
        var refund = IdempotentRequest.Of(order.StationId, Operation, key.Value, "request",
            [orderId, reason, .. lines.Select(l => $"{l.ListingId}:{l.Quantity}")]);
        if (await idempotency.FindAnswerAsync(refund, ct) is { } replay) return replay;

        Refund? made = null;
        var response = await idempotency.RunAsync(refund, async token =>
        {
            var current = made is null ? order : await store.FindAsync(orderId, token) ?? throw new NotFoundException("Order");
            made = current.Refund(lines, reason, clock.GetUtcNow());
            var answer = StoredResponse.Success(201, new RefundView(made.Id, made.AmountFen));
            if (!await store.TrySaveAsync(current, refund.Answered(answer, orderId, clock.GetUtcNow()), token)) return null;
            logger.LogInformation("Order {OrderId}: refund {RefundId} of {AmountFen} fen by {KeyId}", orderId, made.Id, made.AmountFen, caller.KeyId);
            return answer;
        }, null, ct, busy: "The order is busy; try again shortly.");
        if (!response.Replayed && made is not null)
            await ledger.WriteAsync(new LedgerWork(LedgerWork.Refund, orderId, made.Id, made.At), CancellationToken.None);
        return response;
    }

    private static (IReadOnlyList<RequestedLine> Lines, string Reason) Validate(RefundRequest? request)
    {
        var v = new Validator();
        if (request is null) { v.Add("body", "is required."); v.ThrowIfInvalid(); }
        var input = request!.Lines ?? [];
        if (input.Count is < 1 or > PlaceOrder.MaxLines) v.Add("lines", $"must have 1–{PlaceOrder.MaxLines} lines.");
        var lines = new List<RequestedLine>();
        for (var i = 0; i < Math.Min(input.Count, PlaceOrder.MaxLines); i++)
        {
            if (input[i] is not { } line) { v.Add($"lines[{i}]", "is required."); continue; }
            if (Listings.Listing.TownshipOf(line.ListingId) is null) v.Add($"lines[{i}].listingId", "is not a listing id.");
            lines.Add(new RequestedLine(line.ListingId ?? "", v.Range($"lines[{i}].quantity", line.Quantity, 1, PlaceOrder.MaxQuantity)));
        }
        if (lines.Select(l => l.ListingId).Distinct().Count() != lines.Count) v.Add("lines", "a listing may appear once per refund.");
        var reason = v.Text("reason", request.Reason, 1, 200).Trim();
        v.ThrowIfInvalid();
        return (lines, reason);
    }
}
