using System.Diagnostics;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Idempotency;
using Lianhua.Commerce.Core.Idempotency.Storage;
using Lianhua.Commerce.Core.Listings.Storage;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.Core.Orders.Placement;
using Lianhua.Commerce.Core.Orders.Storage;
using Lianhua.Commerce.Core.Security;

/// <summary>
/// An order's storage work as the app does it (PlacementService, StockStore, OrderStore), with the same entities, issued
/// straight from SDK clients into its own tables and queue: reserve (listing stock merge If-Match + reservation row + key
/// claim), commit (order + key record + key fence merge), and a share of a message send. It measures what the data model
/// costs Azurite, without the app.
/// </summary>
sealed class OrderStorageWork
{
    private static readonly Recipient Recipient = new("王芳", "13907990000");
    private static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    // The app seals the claim's recipient (AES-GCM); so does this replay, with a key of its own.
    private static readonly Lianhua.Commerce.Core.Households.PersonalDataProtector Protector = new(new Lianhua.Commerce.Core.Households.HouseholdOptions
    {
        ActiveKeyId = "bench", Keys = { ["bench"] = NewKey() }, BlindIndexKey = NewKey(),
    });
    private readonly TableClient listings, orders, raw;
    private readonly QueueClient queue;
    private readonly Worker[] workers;
    private int rawRows;

    private OrderStorageWork(string connection, int clients)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        listings = new TableClient(connection, "alonel" + id);
        orders = new TableClient(connection, "aloneo" + id);
        raw = new TableClient(connection, "aloner" + id);
        queue = new QueueClient(connection, "alone" + id, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        workers = Enumerable.Range(0, clients).Select(c => new Worker($"36-{c / 2:D4}", c)).ToArray();
    }

    private sealed class Worker(string township, int c)
    {
        public string Township { get; } = township;
        public string Station { get; } = $"S-{township}-{c:D4}";
        public string Fence { get; } = ApiKeyService.FenceRow("k" + c);
        public ListingEntity Listing { get; } = new()
        {
            PartitionKey = township, RowKey = $"L-{township}-{c:D6}", StationId = $"S-{township}-0001", Title = "莲花血鸭 1只", Category = "duck", Unit = "只",
            UnitWeightGrams = 1500, PriceFen = 8800, Stock = 1_000_000,
        };
    }

    private sealed record OrderRows(Worker W, string Key, string OrderId, DateTimeOffset Now, OrderLine Line, PlacementClaim Claim);

    private static async Task<OrderStorageWork> CreateAsync(string connection, int clients)
    {
        var work = new OrderStorageWork(connection, clients);
        await Task.WhenAll(work.listings.CreateIfNotExistsAsync(), work.orders.CreateIfNotExistsAsync(), work.raw.CreateIfNotExistsAsync(), work.queue.CreateIfNotExistsAsync());
        foreach (var w in work.workers)
        {
            w.Listing.ETag = (await work.listings.AddEntityAsync(w.Listing)).Headers.ETag!.Value;
            await work.orders.AddEntityAsync(new TableEntity(w.Station, w.Fence));
        }
        return work;
    }

    private static OrderRows NewOrder(Worker w)
    {
        var key = Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        var place = new PlaceOrder([new(w.Listing.RowKey, 1)], Recipient, "cod");
        var line = new OrderLine(w.Listing.RowKey, w.Listing.Title, 1, w.Listing.PriceFen, w.Listing.PriceFen, w.Listing.StationId, w.Township, w.Listing.Category,
            w.Listing.UnitWeightGrams);
        var claim = PlacementClaim.New(w.Township, w.Station, key, place, now);
        return new(w, key, claim.OrderId, now, line, claim);
    }

    private Task SendAsync(OrderRows o, int ordersInMessage) =>
        queue.SendMessageAsync(JsonSerializer.Serialize(new OrdersPlacedMessage(
            Enumerable.Repeat(new OrderToRoute(o.OrderId, o.W.Station, o.Key, o.W.Township), ordersInMessage).ToList(), o.Now), Json.Options), TimeSpan.FromSeconds(1));

    /// <param name="reservationInClaim">A variant: the reservation's fields carried by the claim row instead of a row of their own.</param>
    private async Task ReserveAsync(OrderRows o, bool reservationInClaim = false)
    {
        var listing = o.W.Listing;
        var reservation = ReservationEntity.From(o.W.Township, o.OrderId, o.W.Station, o.Line);
        List<TableTransactionAction> batch = [new(TableTransactionActionType.UpdateMerge, new TableEntity(listing.PartitionKey, listing.RowKey) { ["Stock"] = --listing.Stock }, listing.ETag)];
        if (reservationInClaim)
        {
            var claimRow = ClaimEntity.From(o.Claim, Protector);
            var claim = new TableEntity(claimRow.PartitionKey, claimRow.RowKey);
            foreach (var (name, value) in TableEntityOf(claimRow).Concat(TableEntityOf(reservation).Select(p => ("Reserved" + p.Key, p.Value)))) claim[name] = value;
            batch.Add(new(TableTransactionActionType.Add, claim));
        }
        else
        {
            batch.Add(new(TableTransactionActionType.Add, reservation));
            batch.Add(new(TableTransactionActionType.Add, ClaimEntity.From(o.Claim, Protector)));
        }
        listing.ETag = (await listings.SubmitTransactionAsync(batch)).Value[0].Headers.ETag!.Value;
    }

    private static IEnumerable<(string Key, object Value)> TableEntityOf(ITableEntity entity) =>
        entity.GetType().GetProperties().Where(p => p.Name is not (nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag)))
            .Select(p => (p.Name, p.GetValue(entity))).Where(p => p.Item2 is not null).Select(p => (p.Name, p.Item2!));

    /// <param name="slimRecord">A variant: the key's record without the response body (a replay would render it from the order).</param>
    private Task CommitAsync(OrderRows o, bool record = true, bool fence = true, bool slimRecord = false)
    {
        var order = Order.Place(o.OrderId, o.W.Station, [o.Line], "cod", o.Claim.PickupCode, o.Now, Recipient);
        List<TableTransactionAction> batch = [new(TableTransactionActionType.Add, OrderEntity.From(order))];
        if (record && slimRecord)
            batch.Add(new(TableTransactionActionType.Add, new TableEntity(o.W.Station, IdempotentRequest.RowOf(PlacementClaim.Operation, o.Key))
            {
                ["RequestHash"] = o.Claim.RequestHash, ["OrderId"] = o.OrderId, ["ResponseStatus"] = 201,
            }));
        else if (record)
            batch.Add(new(TableTransactionActionType.Add,
                IdempotencyEntity.From(o.Claim.Idempotent.Answered(StoredResponse.Success(201, OrderView.From(order)), o.OrderId, o.Now))));
        if (fence) batch.Add(new(TableTransactionActionType.UpdateMerge, new TableEntity(o.W.Station, o.W.Fence), ETag.All));
        return orders.SubmitTransactionAsync(batch);
    }

    private Task RawInsertAsync(Worker w) =>
        raw.AddEntityAsync(new TableEntity($"p{w.Station}", $"r{Interlocked.Increment(ref rawRows):D9}") { ["Quantity"] = 1L, ["Title"] = "莲花白莲" });

    private async Task<double> RunAsync(int perClient, Func<Worker, Task> one)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(workers.Select(w => Task.Run(async () => { for (var n = 0; n < perClient; n++) await one(w); })));
        return workers.Length * perClient / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Orders/s for an order's whole storage work, a message sent for every 1/<paramref name="sendsPerOrder"/> orders.</summary>
    public static async Task<double> StorageAloneAsync(string connection, int clients, int perClient, double sendsPerOrder)
    {
        var work = await CreateAsync(connection, clients);
        var sendEvery = sendsPerOrder > 0 ? Math.Max(1, (int)Math.Round(1 / sendsPerOrder)) : int.MaxValue;
        var sent = new int[clients];
        return await work.RunAsync(perClient, async w =>
        {
            var o = NewOrder(w);
            if (Interlocked.Increment(ref sent[Array.IndexOf(work.workers, w)]) % sendEvery == 1 % sendEvery) await work.SendAsync(o, sendEvery);
            await work.ReserveAsync(o);
            await work.CommitAsync(o);
        });
    }

    /// <summary>
    /// Azurite's CPU for each transaction shape, in raw inserts' worth: the shapes run in turn, 12 rounds of 400 each with 16
    /// clients, so the machine's drift falls on all of them alike.
    /// </summary>
    /// <param name="rowsBefore">Rows put in the listings and orders tables first (other partitions), as a long-running app has them.</param>
    public static async Task ShapesAsync(string connection, Process? azurite, int clients, int rowsBefore = 0)
    {
        if (azurite is null) { Console.WriteLine("shapes: needs the Azurite this process starts (unset LIANHUA_TEST_STORAGE)"); return; }
        var work = await CreateAsync(connection, clients);
        for (var done = 0; done < rowsBefore; done += 100 * clients)
            await Task.WhenAll(Enumerable.Range(0, clients).SelectMany(c => new[] { work.listings, work.orders }.Select(table => table.SubmitTransactionAsync(
                Enumerable.Range(0, 100).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity($"old{c}", $"{done:D9}-{i:D3}") { ["Title"] = "莲花白莲" }))))));
        (string Name, Func<Worker, Task> One)[] shapes =
        [
            ("raw single-entity insert (2 properties)", work.RawInsertAsync),
            ("single-entity insert of an order row", w => work.orders.AddEntityAsync(OrderEntity.From(Order.Place(OrderId.New(w.Station, DateTimeOffset.UtcNow), w.Station,
                [NewOrder(w).Line], "cod", "123456", DateTimeOffset.UtcNow, Recipient)))),
            ("transaction of one small insert", w => work.orders.SubmitTransactionAsync([new(TableTransactionActionType.Add, new TableEntity(w.Station, Guid.NewGuid().ToString("N")))])),
            ("transaction of three small inserts", w => work.orders.SubmitTransactionAsync(Enumerable.Range(0, 3)
                .Select(_ => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(w.Station, Guid.NewGuid().ToString("N")))))),
            ("reserve: stock merge + reservation + claim", w => work.ReserveAsync(NewOrder(w))),
            ("reserve with the reservation in the claim (2 rows)", w => work.ReserveAsync(NewOrder(w), reservationInClaim: true)),
            ("commit: order + record + fence merge", w => work.CommitAsync(NewOrder(w))),
            ("commit without the fence merge", w => work.CommitAsync(NewOrder(w), fence: false)),
            ("commit without the record", w => work.CommitAsync(NewOrder(w), record: false)),
            ("commit with a record of 3 properties (no body)", w => work.CommitAsync(NewOrder(w), slimRecord: true)),
            ("send orders-placed (5 orders)", w => work.SendAsync(NewOrder(w), 5)),
        ];
        for (var i = 0; i < 6; i++) await work.RunAsync(200, work.RawInsertAsync); // warm-up, as for the benchmark
        foreach (var shape in shapes) await work.RunAsync(50, shape.One);
        var cpu = new double[shapes.Length];
        for (var round = 0; round < 12; round++)
            for (var i = 0; i < shapes.Length; i++)
            {
                azurite.Refresh();
                var before = azurite.TotalProcessorTime;
                await work.RunAsync(400 / clients, shapes[i].One);
                azurite.Refresh();
                cpu[i] += (azurite.TotalProcessorTime - before).TotalMilliseconds;
            }
        Console.WriteLine($"Azurite CPU per operation, {clients} clients, 12 interleaved rounds of {400 / clients * clients}, {rowsBefore} rows in the tables before:");
        for (var i = 0; i < shapes.Length; i++)
            Console.WriteLine($"  {shapes[i].Name,-52} {cpu[i] / (12 * (400 / clients * clients)):F3} ms = {cpu[i] / cpu[0]:F2} raw inserts' worth");
    }
}
