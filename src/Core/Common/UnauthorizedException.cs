namespace Lianhua.Commerce.Core.Common;

public sealed class UnauthorizedException(string detail) : CommerceException("Unauthorized", detail)
{
    public override int Status => 401;
}
