namespace Noa.Abstractions;

/// <summary>How a bundle store keeps referrers (OCI distribution-spec 1.1).</summary>
public enum ReferrersMode
{
    /// <summary>The registry answers <c>GET /v2/…/referrers/&lt;digest&gt;</c> and indexes manifests with a subject itself.</summary>
    Api,

    /// <summary>The registry has no Referrers API: referrers are listed in an index tagged <c>sha256-&lt;hex&gt;</c> (the spec's fallback).</summary>
    TagScheme,

    /// <summary>An OCI image layout: every manifest is in <c>index.json</c>; referrers are found by their subject.</summary>
    LayoutIndex,
}
