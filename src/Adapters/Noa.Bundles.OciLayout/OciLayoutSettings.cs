namespace Noa.Bundles.OciLayout;

/// <summary>Settings of the OCI image layout bundle store.</summary>
public sealed class OciLayoutSettings
{
    /// <summary>The folder holding one OCI image layout per repository (<c>$NOA_HOME/oci</c> by default).</summary>
    public string Root { get; set; } = "";
}
