namespace Noa.Stages.Integrator.Model;

/// <summary>The authentication schemes the SDKs implement.</summary>
internal enum SecuritySchemeKind
{
    Bearer,
    Basic,
    ApiKeyHeader,
    ApiKeyQuery,
    ApiKeyCookie,
    OAuth2ClientCredentials,
    /// <summary>OAuth2 flows other than client credentials, and OpenID Connect: the caller supplies a token (sent as bearer).</summary>
    OAuth2Token,
}
