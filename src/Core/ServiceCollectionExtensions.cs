using Lianhua.Commerce.Core.Attribution;
using Lianhua.Commerce.Core.Attribution.Storage;
using Lianhua.Commerce.Core.Households;
using Lianhua.Commerce.Core.Households.Storage;
using Lianhua.Commerce.Core.Idempotency;
using Lianhua.Commerce.Core.Idempotency.Storage;
using Lianhua.Commerce.Core.Listings;
using Lianhua.Commerce.Core.Listings.Storage;
using Lianhua.Commerce.Core.Network;
using Lianhua.Commerce.Core.Network.Storage;
using Lianhua.Commerce.Core.Operations;
using Lianhua.Commerce.Core.Operations.Storage;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.Core.Orders.Placement;
using Lianhua.Commerce.Core.Orders.Storage;
using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.Core.Routing.Storage;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Core.Security.Storage;
using Lianhua.Commerce.Core.Summaries;
using Lianhua.Commerce.Core.Summaries.Storage;
using Lianhua.Commerce.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>Everything Core needs: storage clients, stores and services. Used by the Functions app and LocalHost alike.</summary>
    public static IServiceCollection AddCommerceCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CommerceOptions>(configuration.GetSection("Commerce"));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new CommerceStorage(ReadStorageOptions(configuration), sp.GetServices<Azure.Core.Pipeline.HttpPipelinePolicy>()));
        services.AddSingleton<StorageInitializer>();
        services.AddSingleton<NetworkStore>();
        services.AddSingleton<NetworkService>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<ListingStore>();
        services.AddSingleton<ListingService>();
        services.Configure<OrderOptions>(configuration.GetSection("Commerce:Orders"));
        services.AddSingleton<QueueSender>();
        services.AddSingleton<OrdersPlacedQueue>();
        services.AddSingleton<Common.Foreground>();
        services.AddSingleton(new EntityCache<ListingEntity>(e => e.Copy()));
        services.AddSingleton(new EntityCache<RunEntity>(e => e.Copy()));
        services.AddSingleton(sp => new StockStore(sp.GetRequiredService<CommerceStorage>(), sp.GetRequiredService<EntityCache<ListingEntity>>(),
            Contention.Pipeline(sp.GetRequiredService<TimeProvider>()), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<OrderStore>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<IdempotentOperations>();
        services.AddSingleton<ClaimStore>();
        services.AddSingleton<PlacementLeases>();
        services.AddSingleton<PlacementReservation>();
        services.AddSingleton<PlacementCommit>();
        services.AddSingleton<PlacementExecution>();
        services.AddSingleton<PlacementRecovery>();
        services.AddSingleton<PlacementService>();
        services.AddSingleton<OrderService>();
        services.AddSingleton<OrderRouter>();
        services.AddSingleton(sp => new RunStore(sp.GetRequiredService<CommerceStorage>(), sp.GetRequiredService<EntityCache<RunEntity>>(),
            Contention.Pipeline(sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton<RoutingService>();
        services.AddSingleton<ScanService>();
        services.AddSingleton<TrackingService>();
        services.AddSingleton<RefundService>();
        services.Configure<LedgerOptions>(configuration.GetSection("Commerce:Ledger"));
        services.AddSingleton<PendingLedgerStore>();
        services.AddSingleton<LedgerStore>();
        services.AddSingleton<LedgerWriter>();
        services.AddSingleton<LedgerReconciliation>();
        services.AddSingleton<HouseholdSalesService>();
        services.AddSingleton<AttentionStore>();
        services.AddSingleton<UnroutedStore>();
        services.AddSingleton<LockedStore>();
        services.AddSingleton<PoisonStore>();
        services.AddSingleton<QueueWork>();
        services.AddSingleton<PoisonService>();
        services.AddSingleton<AttentionService>();
        services.Configure<SummaryOptions>(configuration.GetSection("Commerce:Summaries"));
        services.AddSingleton<SummaryStore>();
        services.AddSingleton<DaySnapshots>();
        services.AddSingleton<PeriodFigures>();
        services.AddSingleton<SummaryCatchUp>();
        services.AddSingleton<SummaryService>();
        // No household keys, no start: see HouseholdOptionsValidation.
        services.AddOptions<HouseholdOptions>().Bind(configuration.GetSection(HouseholdOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HouseholdOptions>, HouseholdOptionsValidation>();
        services.AddSingleton<PersonalDataProtector>();
        services.AddSingleton<HouseholdStore>();
        services.AddSingleton<HouseholdService>();
        services.AddSingleton<IHouseholdProfiles, HouseholdProfiles>();
        services.Configure<Retention.RetentionOptions>(configuration.GetSection(Retention.RetentionOptions.Section));
        services.AddSingleton<Retention.Storage.ClosedOrderStore>();
        services.AddSingleton<Retention.Storage.SweepStore>();
        services.AddSingleton<Retention.ClosedOrders>();
        services.AddSingleton<Retention.RetentionSweep>();
        return services;
    }

    /// <summary>
    /// Reads storage settings the way the Functions host does: <c>AzureWebJobsStorage</c> as a connection string,
    /// or <c>AzureWebJobsStorage__accountName</c> / <c>__tableServiceUri</c> / <c>__queueServiceUri</c> / <c>__clientId</c> for an identity.
    /// </summary>
    public static StorageOptions ReadStorageOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection("AzureWebJobsStorage");
        return new StorageOptions
        {
            ConnectionString = section.Value,
            AccountName = section["accountName"],
            TableServiceUri = section["tableServiceUri"] is { Length: > 0 } t ? new Uri(t) : null,
            QueueServiceUri = section["queueServiceUri"] is { Length: > 0 } q ? new Uri(q) : null,
            ClientId = section["clientId"],
            Prefix = configuration["Commerce:StoragePrefix"] ?? "",
        };
    }
}
