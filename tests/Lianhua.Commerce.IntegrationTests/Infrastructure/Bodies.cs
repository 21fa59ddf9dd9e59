namespace Lianhua.Commerce.IntegrationTests.Infrastructure;

/// <summary>
/// The request bodies tests send, as a station app builds them: defaults a test overrides only where it depends on the
/// value (<c>Bodies.Order((id, 2)) with { PaymentMethod = "prepaid" }</c>), and raw JSON for bodies no typed object can carry.
/// </summary>
public static class Bodies
{
    public const string RecipientName = "王芳";
    public const string RecipientPhone = "13907990000";

    /// <summary>POST /orders: these lines, for <see cref="RecipientName"/>, cash on delivery.</summary>
    public static OrderBody Order(params (string ListingId, long Quantity)[] lines) =>
        new([.. lines.Select(l => new OrderLineBody(l.ListingId, l.Quantity))], new RecipientBody(RecipientName, RecipientPhone), "cod");

    /// <summary>
    /// POST /orders as raw JSON: <paramref name="lines"/> is the lines array's JSON text; the other fields are strings as
    /// sent (an empty name, a malformed phone, an unknown payment method).
    /// </summary>
    public static string OrderJson(string lines, string name = RecipientName, string phone = RecipientPhone, string paymentMethod = "cod") =>
        $$"""{"lines":{{lines}},"recipient":{"name":"{{name}}","phone":"{{phone}}"},"paymentMethod":"{{paymentMethod}}"}""";
}

public sealed record OrderBody(IReadOnlyList<OrderLineBody> Lines, RecipientBody Recipient, string PaymentMethod);

public sealed record OrderLineBody(string ListingId, long Quantity);

public sealed record RecipientBody(string Name, string Phone);
