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

    /// <summary>POST /listings: by default 莲花白莲 500g, a 500 g bag of lotus seed at 45.50 yuan, 30 in stock, no producers.</summary>
    public static ListingBody Listing(string title = "莲花白莲 500g", long priceFen = 4550, long stock = 30, string category = "lotus-seed",
        string unit = "bag", long unitWeightGrams = 500, IReadOnlyList<ProducerBody>? producers = null) =>
        new(title, category, unit, unitWeightGrams, priceFen, stock, producers ?? []);

    /// <summary>
    /// POST /listings as raw JSON, by default a valid one. Text fields are given as text, numbers and producers as their JSON
    /// text (so a price may be "\"cheap\"" or "10.5"); null leaves the field out; <paramref name="more"/> adds members as written.
    /// </summary>
    public static string ListingJson(string? title = "x", string? category = "rice", string? unit = "jin", string? unitWeightGrams = "500",
        string? priceFen = "100", string? stock = "1", string? producers = null, string? more = null)
    {
        var members = new[]
        {
            ("title", Quoted(title)), ("category", Quoted(category)), ("unit", Quoted(unit)), ("unitWeightGrams", unitWeightGrams),
            ("priceFen", priceFen), ("stock", stock), ("producers", producers),
        }.Where(m => m.Item2 is not null).Select(m => $"\"{m.Item1}\":{m.Item2}");
        return "{" + string.Join(",", more is null ? members : members.Append(more)) + "}";
    }

    private static string? Quoted(string? text) => text is null ? null : $"\"{text}\"";
}

public sealed record OrderBody(IReadOnlyList<OrderLineBody> Lines, RecipientBody Recipient, string PaymentMethod);

public sealed record OrderLineBody(string ListingId, long Quantity);

public sealed record RecipientBody(string Name, string Phone);

public sealed record ListingBody(string Title, string Category, string Unit, long UnitWeightGrams, long PriceFen, long Stock, IReadOnlyList<ProducerBody> Producers);

public sealed record ProducerBody(string HouseholdId, int ShareBp);
