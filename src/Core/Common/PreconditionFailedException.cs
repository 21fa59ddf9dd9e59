namespace Lianhua.Commerce.Core.Common;

public sealed class PreconditionFailedException(string detail) : CommerceException("Precondition failed", detail)
{
    public override int Status => 412;
}
