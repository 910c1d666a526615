import { LogLevel, PassedInitialConfig } from 'angular-auth-oidc-client';

/** The SPA's client registration on the host's OpenID Connect server (Identity:Spa; seeded by the host). */
export const spaClientId = 'erp-spa';

/**
 * Sign-in through the host that serves the SPA: authorization code + PKCE, the host's own sign-in pages (the SPA never
 * sees a password), access tokens renewed with rotating refresh tokens before they expire, and sent to the host's API only.
 */
export function authConfig(origin: string = window.location.origin): PassedInitialConfig {
  return {
    config: {
      authority: origin,
      clientId: spaClientId,
      redirectUrl: `${origin}/auth/callback`,
      postLogoutRedirectUri: `${origin}/`,
      scope: 'openid profile email roles offline_access erp_api',
      responseType: 'code',
      useRefreshToken: true,
      silentRenew: true,
      renewTimeBeforeTokenExpiresInSeconds: 30,
      secureRoutes: ['/api/'], // the generated client calls the API by path, on the SPA's own origin
      logLevel: LogLevel.Warn,
    },
  };
}
