namespace Lianhua.Commerce.Core.Security;

/// <summary>
/// Who is calling: the role of the API key and the station or hub it is scoped to. <see cref="FromCopy"/>: authenticated
/// from this instance's copy of the key, not a fresh read; only a placement accepts that, because its commit transaction
/// checks the key's fence row (see ApiKeyService). <see cref="Fenced"/>: a station key with a fence row, which every placement
/// with it commits through, whether it was read afresh or taken from the copy.
/// </summary>
public sealed record Caller(string KeyId, Role Role, string? ScopeId, bool FromCopy = false, bool Fenced = false)
{
    public bool IsCounty => Role == Role.County;
    public bool IsStation(string stationId) => Role == Role.Station && ScopeId == stationId;

    /// <summary>The node (station or hub) this caller acts for; null for the county.</summary>
    public string? NodeId => Role == Role.County ? null : ScopeId;

    public void RequireCounty()
    {
        if (!IsCounty) throw new Common.ForbiddenException("This action needs a county key.");
    }

    public string RequireStation()
    {
        if (Role != Role.Station || ScopeId is null) throw new Common.ForbiddenException("This action needs a station key.");
        return ScopeId;
    }

    public static string RoleName(Role role) => role switch
    {
        Role.County => "county",
        Role.Station => "station",
        Role.Hub => "hub",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static Role? ParseRole(string? name) => name switch
    {
        "county" => Role.County,
        "station" => Role.Station,
        "hub" => Role.Hub,
        _ => null,
    };
}
