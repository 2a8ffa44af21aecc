// A real OpenID Connect provider (oidc-provider) on a random local port, configured like ProConnect for what
// matters to us: authorization code, PKCE S256 required, RS256 ID tokens, e-mail in a signed userinfo JWT. Its development
// login page accepts any login; the accounts map gives the e-mail claims of each login.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestIdentity {
  email: string;
  emailVerified?: boolean;
  givenName?: string;
  usualName?: string;
  /** FranceConnect's claims (residents): the birth name and the birth date (YYYY-MM-DD). */
  familyName?: string;
  birthdate?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Creates the provider once the app's callback URL is known (the app listens after it is built). */
  start(redirectUri: string): void;
  close(): Promise<void>;
}

/** Reserves a port for the provider; call start() with the app's redirect URI before the first login. */
export async function reserveOidcProvider(
  identities: Record<string, TestIdentity>,
): Promise<TestOidcProvider> {
  let handler: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | null = null;
  const server = http.createServer((req, res) => {
    if (handler) handler(req, res);
    else {
      res.statusCode = 503;
      res.end('provider not started');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'sans-couture-test';
  const clientSecret = 'secret-de-test-'.padEnd(40, 'x');
  return {
    issuer,
    clientId,
    clientSecret,
    start(redirectUri: string) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            post_logout_redirect_uris: [new URL('/', redirectUri).href],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            id_token_signed_response_alg: 'RS256',
            // ProConnect answers userinfo as a signed JWT.
            userinfo_signed_response_alg: 'RS256',
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        // ProConnect's scopes, and FranceConnect's (family name, birth date) for the residents' login.
        scopes: ['openid', 'email', 'given_name', 'usual_name', 'family_name', 'birthdate'],
        claims: {
          openid: ['sub'],
          email: ['email', 'email_verified'],
          given_name: ['given_name'],
          usual_name: ['usual_name'],
          family_name: ['family_name'],
          birthdate: ['birthdate'],
        },
        // Like ProConnect: the e-mail is given by userinfo, not in the ID token.
        conformIdTokenClaims: true,
        pkce: { required: () => true },
        features: { devInteractions: { enabled: true }, jwtUserinfo: { enabled: true } },
        cookies: { keys: ['cle-de-test-du-fournisseur-oidc'] },
        ttl: {
          AccessToken: 600,
          AuthorizationCode: 60,
          IdToken: 600,
          Interaction: 600,
          Session: 3600,
          Grant: 3600,
        },
        findAccount: (_ctx: unknown, id: string) => {
          const identity = identities[id] ?? { email: id };
          return {
            accountId: id,
            claims: () => ({
              sub: id,
              email: identity.email,
              email_verified: identity.emailVerified ?? true,
              given_name: identity.givenName ?? 'Test',
              usual_name: identity.usualName ?? id,
              family_name: identity.familyName ?? identity.usualName ?? id,
              ...(identity.birthdate ? { birthdate: identity.birthdate } : {}),
            }),
          };
        },
      });
      handler = provider.callback();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A minimal cookie jar for driving the provider's pages with fetch. */
class CookieJar {
  private cookies = new Map<string, string>();
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      if (value === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  }
}

/**
 * Walks the provider's development login and consent pages over HTTP, as a browser would, from the
 * authorization URL until the provider redirects to the app; returns that redirect URL (code, state, iss).
 */
export async function loginAtProvider(
  authorizationUrl: string,
  login: string,
  redirectUri: string,
): Promise<URL> {
  const jar = new CookieJar();
  let url = authorizationUrl;
  let body: string | null = null;
  for (let step = 0; step < 20; step++) {
    const response: Response = await fetch(url, {
      method: body === null ? 'GET' : 'POST',
      redirect: 'manual',
      headers: {
        cookie: jar.header(),
        ...(body !== null ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: body ?? undefined,
    });
    jar.store(response);
    body = null;
    if (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get('location')!, url);
      if (next.href.startsWith(redirectUri)) return next;
      url = next.href;
      continue;
    }
    const html: string = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`unexpected provider page (${response.status}): ${html.slice(-600)}`);
    url = new URL(action.replace(/&amp;/g, '&'), url).href;
    body = html.includes('name="login"')
      ? new URLSearchParams({ prompt: 'login', login, password: 'x' }).toString()
      : new URLSearchParams({ prompt: 'consent' }).toString();
  }
  throw new Error('the provider never redirected to the app');
}
