namespace Lianhua.Commerce.Core.Network;

public sealed record CountyInfo(string Code, string Name);
