namespace Lianhua.Commerce.Core.Common;

public sealed class ForbiddenException(string detail) : CommerceException("Forbidden", detail)
{
    public override int Status => 403;
}
