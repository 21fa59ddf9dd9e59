namespace Lianhua.Commerce.Core.Security;

public enum Role { County, Station, Hub }
