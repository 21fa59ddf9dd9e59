namespace Lianhua.Commerce.Core.Operations;

/// <summary>A queue message that can tell whether it names what its handler needs (JSON may leave required members out).</summary>
public interface IQueueMessage
{
    bool IsReadable { get; }
}
