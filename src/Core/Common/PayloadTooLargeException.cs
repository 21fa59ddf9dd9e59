namespace Lianhua.Commerce.Core.Common;

public sealed class PayloadTooLargeException(int limitBytes)
    : CommerceException("Payload too large", $"The request body is over {limitBytes / 1024} KiB.")
{
    public override int Status => 413;
}
