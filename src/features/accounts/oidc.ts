// Login through OpenID Connect with a ProConnect-compatible provider: authorization code flow with PKCE (S256),
// state and nonce, through openid-client. Accounts are created by invitation only: the provider's user is
// matched to an existing account by subject, then by e-mail, and the subject is kept for next time.
import * as client from 'openid-client';
import type { Config } from '../../config.ts';
import { journal } from '../../platform/audit.ts';
import { isRole, type Role } from '../../platform/auth/roles.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import {
  activateAccount,
  findAccountByEmail,
  findAccountByOidcSubject,
  setOidcSubject,
  type Account,
} from './store.ts';

/** What the browser keeps (in a signed, httpOnly cookie) between the redirect and the callback. */
export interface OidcPending {
  state: string;
  nonce: string;
  verifier: string;
}

/** Why a ProConnect login did not open a session. */
export type OidcProblem =
  'cancelled' | 'expired' | 'invalid' | 'unknown-user' | 'unverified' | 'disabled' | 'mismatch';

/** The path the provider sends the user back to. */
export const oidcCallbackPath = '/connexion/proconnect/retour';

// ProConnect's scopes: the e-mail, and the names shown in the header.
const scope = 'openid email given_name usual_name';

/** The OIDC client of one app: discovery is done once, on first use, and retried after a failure. */
export class OidcLogin {
  private configuration: Promise<client.Configuration> | null = null;

  /**
   * `options` lets another provider use the same client (FranceConnect for residents: its own callback path and
   * scopes); the defaults are ProConnect's.
   */
  constructor(
    private readonly config: Config,
    private readonly settings: NonNullable<Config['oidc']>,
    private readonly options: { callbackPath?: string; scope?: string } = {},
  ) {}

  private discover(): Promise<client.Configuration> {
    if (!this.configuration) {
      // Plain HTTP is allowed only for a provider on this machine outside production (the test provider).
      const insecure = this.config.env !== 'production' && this.settings.issuer.startsWith('http://');
      this.configuration = client
        .discovery(
          new URL(this.settings.issuer),
          this.settings.clientId,
          this.settings.clientSecret,
          undefined,
          {
            execute: insecure ? [client.allowInsecureRequests] : [],
            timeout: 10,
          },
        )
        .catch((error: unknown) => {
          this.configuration = null;
          throw error;
        });
    }
    return this.configuration;
  }

  private redirectUri(): string {
    return this.config.publicUrl + (this.options.callbackPath ?? oidcCallbackPath);
  }

  /** The provider's authorization URL and what to keep until the callback. */
  async start(): Promise<{ url: string; pending: OidcPending }> {
    let configuration: client.Configuration;
    try {
      configuration = await this.discover();
    } catch {
      throw new AppError(
        'service-unavailable',
        `${this.settings.label} ne répond pas pour l’instant. Réessayez dans quelques minutes, ou connectez-vous par courriel.`,
      );
    }
    const pending: OidcPending = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri(),
      scope: this.options.scope ?? scope,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, pending };
  }

  /**
   * Checks the provider's answer (state, PKCE, nonce, signature) and finds the account.
   * `query` is the callback's query string.
   */
  async finish(
    db: Db,
    query: string,
    pending: OidcPending | null,
    requestId: string,
  ): Promise<
    | { ok: true; userId: string; role: Role; idToken: string }
    | { ok: false; problem: OidcProblem; email?: string }
  > {
    const checked = await this.exchange(query, pending);
    if (!checked.ok) return checked;
    const linked = await linkAccount(db, checked.claims, this.settings.label, requestId);
    return linked.ok ? { ...linked, idToken: checked.idToken } : linked;
  }

  /**
   * Checks the provider's answer (state, PKCE, nonce, signature) and returns the identity's claims (ID token and
   * userinfo) and the ID token, without touching any account.
   */
  async exchange(
    query: string,
    pending: OidcPending | null,
  ): Promise<
    | { ok: true; claims: { sub: string; [claim: string]: unknown }; idToken: string }
    | { ok: false; problem: OidcProblem }
  > {
    const params = new URLSearchParams(query);
    if (params.has('error')) return { ok: false, problem: 'cancelled' };
    if (!pending) return { ok: false, problem: 'expired' };
    let claims: { sub: string; [claim: string]: unknown };
    let idToken: string;
    try {
      const configuration = await this.discover();
      const currentUrl = new URL(this.redirectUri());
      currentUrl.search = query;
      const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims || !tokens.id_token) return { ok: false, problem: 'invalid' };
      idToken = tokens.id_token;
      // ProConnect gives the e-mail in userinfo, not in the ID token.
      const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      claims = { ...idClaims, ...userinfo, sub: idClaims.sub };
    } catch {
      return { ok: false, problem: 'invalid' };
    }
    return { ok: true, claims, idToken };
  }

  /**
   * The provider's logout URL, so that leaving Sans Couture also ends the ProConnect session (ProConnect asks
   * for it); null when the provider has no end-session endpoint or cannot be reached.
   */
  async logoutUrl(idToken: string): Promise<string | null> {
    try {
      const configuration = await this.discover();
      if (!configuration.serverMetadata().end_session_endpoint) return null;
      return client.buildEndSessionUrl(configuration, {
        id_token_hint: idToken,
        post_logout_redirect_uri: this.config.publicUrl + '/',
        state: client.randomState(),
      }).href;
    } catch {
      return null;
    }
  }
}

async function linkAccount(
  db: Db,
  claims: { sub: string; email?: unknown; email_verified?: unknown },
  label: string,
  requestId: string,
): Promise<{ ok: true; userId: string; role: Role } | { ok: false; problem: OidcProblem; email?: string }> {
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  return db.transaction().execute(async (trx) => {
    let account: Account | null = await findAccountByOidcSubject(trx, claims.sub);
    if (!account) {
      // Only an address the provider says it verified may claim an account; ProConnect's identity providers
      // verify every address and may leave the claim out, so only an explicit "false" is refused.
      if (claims.email_verified === false)
        return { ok: false as const, problem: 'unverified' as const, email };
      if (!email) return { ok: false as const, problem: 'unknown-user' as const };
      account = await findAccountByEmail(trx, email);
      if (!account) return { ok: false as const, problem: 'unknown-user' as const, email };
      if (account.oidcSubject && account.oidcSubject !== claims.sub)
        return { ok: false as const, problem: 'mismatch' as const, email };
      await setOidcSubject(trx, account.id, claims.sub);
    }
    if (account.status === 'disabled' || !isRole(account.role))
      return { ok: false as const, problem: 'disabled' as const, email };
    await activateAccount(trx, account.id);
    await journal(trx, {
      actor: { id: account.id, role: account.role },
      action: 'login',
      subjectType: 'user',
      subjectId: account.id,
      reason: `connexion par ${label}`,
      requestId,
    });
    return { ok: true as const, userId: account.id, role: account.role };
  });
}
