using Azure;
using Azure.Data.Tables;

namespace Lianhua.Commerce.Core.Routing.Storage;

public sealed class RunBookingEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string ShipmentId { get; set; } = "";
    public long WeightGrams { get; set; }

    public static string Row(RunKey key, string shipmentId) => $"{RunEntity.Row(key)}~{shipmentId}";
}
