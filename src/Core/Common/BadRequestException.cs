namespace Lianhua.Commerce.Core.Common;

public sealed class BadRequestException(string detail) : CommerceException("Bad request", detail)
{
    public override int Status => 400;
}
