namespace Lianhua.Commerce.Core.Retention;

/// <summary>Configuration section <c>Commerce:Retention</c>: how long data kept for a purpose is kept (docs/operations.md).</summary>
public sealed class RetentionOptions
{
    public const string Section = "Commerce:Retention";

    /// <summary>Days a delivered or cancelled order keeps its recipient's name and phone (for questions at the counter), then they are erased.</summary>
    public int RecipientDays { get; set; } = 90;

    /// <summary>
    /// Days an Idempotency-Key's record, a run's bookings and a leg's marker are kept: longer than any station stays offline
    /// with requests queued, since a retry after that would no longer be recognised.
    /// </summary>
    public int IdempotencyDays { get; set; } = 30;

    /// <summary>Days before the retention cutoff a daily sweep of runs looks back, so sweeps missed for up to a week are caught up.</summary>
    public int CatchUpDays { get; set; } = 7;
}
