namespace Lianhua.Commerce.Core.Storage;

/// <summary>
/// Thrown when an entity changed under a conditional write (<see cref="Status"/> 412), or a row to insert exists
/// already (409); the contention pipeline retries it.
/// </summary>
public sealed class WriteConflictException(int status = 412) : Exception("An entity changed during a conditional write.")
{
    public int Status { get; } = status;
}
