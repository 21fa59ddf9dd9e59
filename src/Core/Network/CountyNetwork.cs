using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Network;

/// <summary>A validated network with lookups. Immutable; replaced as a whole.</summary>
public sealed class CountyNetwork
{
    private readonly Dictionary<string, Hub> _hubs;
    private readonly Dictionary<string, Station> _stations;
    private readonly Dictionary<(string, string), Link> _links;

    public NetworkDocument Document { get; }
    public Hub Warehouse { get; }

    private CountyNetwork(NetworkDocument document)
    {
        Document = document;
        _hubs = document.Hubs.ToDictionary(h => h.Id, StringComparer.Ordinal);
        _stations = document.Stations.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _links = new();
        foreach (var link in document.Links)
        {
            _links[(link.From, link.To)] = link;
            _links.TryAdd((link.To, link.From), link);
        }
        Warehouse = document.Hubs.Single(h => h.Kind == Hub.CountyKind);
    }

    public string CountyCode => Document.County.Code;
    public Hub? FindHub(string id) => _hubs.GetValueOrDefault(id);
    public Station? FindStation(string id) => _stations.GetValueOrDefault(id);
    public bool IsNode(string id) => _hubs.ContainsKey(id) || _stations.ContainsKey(id);
    public Link? FindLink(string from, string to) => _links.GetValueOrDefault((from, to));

    public string? TownshipName(string townshipCode) =>
        Document.Hubs.FirstOrDefault(h => h.Kind == Hub.TownshipKind && h.TownshipCode == townshipCode) is { } hub
            ? hub.TownshipName ?? hub.Name
            : null;

    /// <summary>Validates a whole network; throws <see cref="ValidationFailedException"/> listing every problem.</summary>
    public static CountyNetwork Create(NetworkDocument? document)
    {
        var v = new Validator();
        if (document is null) { v.Add("body", "is required."); v.ThrowIfInvalid(); }
        var doc = document!;
        if (doc.County is null) v.Add("county", "is required.");
        else
        {
            if (doc.County.Code is null || doc.County.Code.Length != 6 || !doc.County.Code.All(char.IsAsciiDigit))
                v.Add("county.code", "must be a 6-digit administrative code.");
            v.Text("county.name", doc.County.Name, 1, 40);
        }
        var hubs = doc.Hubs ?? [];
        var stations = doc.Stations ?? [];
        var links = doc.Links ?? [];
        if (hubs.Count > 200) v.Add("hubs", "at most 200 hubs.");
        if (stations.Count > 5000) v.Add("stations", "at most 5000 stations.");
        if (links.Count > 10000) v.Add("links", "at most 10000 links.");
        v.ThrowIfInvalid();

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var townshipHubs = new Dictionary<string, Hub>(StringComparer.Ordinal);
        for (var i = 0; i < hubs.Count; i++)
        {
            var h = hubs[i];
            if (h is null) { v.Add($"hubs[{i}]", "is required."); continue; }
            if (!Ids.IsSafe(h.Id)) v.Add($"hubs[{i}].id", "must be 1–64 characters of A–Z a–z 0–9 - _.");
            else if (!ids.Add(h.Id)) v.Add($"hubs[{i}].id", "is used twice.");
            v.Text($"hubs[{i}].name", h.Name, 1, 80);
            if (h.Kind == Hub.TownshipKind)
            {
                if (string.IsNullOrEmpty(h.TownshipCode)) v.Add($"hubs[{i}].townshipCode", "is required for a township hub.");
                else if (!IsTownshipCode(h.TownshipCode, doc.County?.Code))
                    v.Add($"hubs[{i}].townshipCode", $"must be digits starting with the county code, at most {Station.MaxTownshipCodeLength}.");
                else if (!townshipHubs.TryAdd(h.TownshipCode, h)) v.Add($"hubs[{i}].townshipCode", "has a hub already.");
            }
            else if (h.Kind != Hub.CountyKind) v.Add($"hubs[{i}].kind", "must be county or township.");
        }
        if (hubs.Count(h => h?.Kind == Hub.CountyKind) != 1) v.Add("hubs", "must have exactly one hub of kind county (the county warehouse).");

        for (var i = 0; i < stations.Count; i++)
        {
            var s = stations[i];
            if (s is null) { v.Add($"stations[{i}]", "is required."); continue; }
            if (!Ids.IsSafe(s.Id, Station.MaxIdLength))
                v.Add($"stations[{i}].id", $"must be 1–{Station.MaxIdLength} characters of A–Z a–z 0–9 - _ (its order and shipment ids add 31).");
            else if (!ids.Add(s.Id)) v.Add($"stations[{i}].id", "is used twice.");
            v.Text($"stations[{i}].name", s.Name, 1, 80);
            v.Text($"stations[{i}].village", s.Village, 1, 40);
            var hub = s.HubId is null ? null : hubs.FirstOrDefault(h => h?.Id == s.HubId);
            if (hub is null || hub.Kind != Hub.TownshipKind) v.Add($"stations[{i}].hubId", "must name a township hub.");
            else if (hub.TownshipCode != s.TownshipCode) v.Add($"stations[{i}].townshipCode", "must be the township of its hub.");
        }

        var pairs = new HashSet<(string, string)>();
        for (var i = 0; i < links.Count; i++)
        {
            var l = links[i];
            if (l is null) { v.Add($"links[{i}]", "is required."); continue; }
            if (l.From is null || !ids.Contains(l.From)) v.Add($"links[{i}].from", "must name a hub or station.");
            if (l.To is null || !ids.Contains(l.To)) v.Add($"links[{i}].to", "must name a hub or station.");
            if (l.From == l.To) v.Add($"links[{i}]", "must join two different nodes.");
            if (l.CapacityGrams is < 1 or > 1_000_000_000) v.Add($"links[{i}].capacityGrams", "must be between 1 and 1000000000.");
            if (l.From is not null && l.To is not null && (!pairs.Add((l.From, l.To)) || !pairs.Add((l.To, l.From))))
                v.Add($"links[{i}]", "joins two nodes that are joined already.");
        }
        v.ThrowIfInvalid();

        // Every delivery path must exist: station–hub and township hub–warehouse.
        var warehouse = hubs.Single(h => h.Kind == Hub.CountyKind);
        for (var i = 0; i < stations.Count; i++)
            if (!pairs.Contains((stations[i].Id, stations[i].HubId)))
                v.Add($"stations[{i}]", $"needs a link to its hub {stations[i].HubId}.");
        for (var i = 0; i < hubs.Count; i++)
            if (hubs[i].Kind == Hub.TownshipKind && !pairs.Contains((hubs[i].Id, warehouse.Id)))
                v.Add($"hubs[{i}]", $"needs a link to the county warehouse {warehouse.Id}.");
        v.ThrowIfInvalid();
        return new CountyNetwork(doc with { Hubs = hubs, Stations = stations, Links = links });
    }

    /// <summary>
    /// A township code is the partition of its listings and the start of their ids: digits, starting with the county code
    /// (the county's listings are one PartitionKey range), short enough for a listing id of at most 64 characters.
    /// </summary>
    private static bool IsTownshipCode(string code, string? countyCode) =>
        code.Length <= Station.MaxTownshipCodeLength && code.All(char.IsAsciiDigit) && countyCode is not null && code.StartsWith(countyCode, StringComparison.Ordinal);
}
