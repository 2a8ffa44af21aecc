// The page frame: DSFR header with the connected user and role, navigation per role, skip links, footer with
// the accessibility statement, legal notice and personal-data links. No inline script (strict CSP).
import type { ComponentChildren } from 'preact';
import { roleLabels, type Role } from '../auth/roles.ts';
import type { ViewContext } from './context.ts';
import { BrandLogo, FooterBrand, theme } from './theme.tsx';

export interface LayoutProps {
  ctx: ViewContext;
  title: string;
  children: ComponentChildren;
  /** Breadcrumb segments before the current page, e.g. [{ href: '/lieux', label: 'Lieux' }]. */
  breadcrumb?: { href: string; label: string }[];
  /** Extra stylesheets of the page (same origin). */
  styles?: string[];
  /** Quick links of the page's own, before the usual ones (e.g. straight to a form's first field). */
  skipLinks?: { href: string; label: string }[];
}

interface NavItem {
  href: string;
  label: string;
}

const navByRole: Record<Role | 'anonymous', NavItem[]> = {
  anonymous: [
    { href: '/', label: 'Accueil' },
    { href: '/moments-de-vie', label: 'Moments de vie' },
    { href: '/lieux', label: 'Trouver un lieu' },
    { href: '/mon-dossier/creer', label: 'Mon dossier' },
  ],
  resident: [
    { href: '/', label: 'Accueil' },
    { href: '/moments-de-vie', label: 'Moments de vie' },
    { href: '/lieux', label: 'Trouver un lieu' },
    { href: '/mon-dossier', label: 'Mon dossier' },
    { href: '/compte/mes-donnees', label: 'Mes données' },
  ],
  helper: [
    { href: '/espace/aidant', label: 'Mon espace' },
    { href: '/moments-de-vie', label: 'Moments de vie' },
    { href: '/espace/aidant/demandes', label: 'Demandes' },
    { href: '/espace/aidant/mandats', label: 'Mandats' },
    { href: '/espace/aidant/aller-vers', label: 'Aller-vers' },
    { href: '/lieux', label: 'Lieux' },
  ],
  partnerAgent: [
    { href: '/espace/partenaire', label: 'Mon espace' },
    { href: '/espace/dossiers-partages', label: 'Dossiers partagés' },
    { href: '/lieux', label: 'Lieux' },
  ],
  organisationManager: [
    { href: '/espace/organisme', label: 'Mon organisme' },
    { href: '/espace/dossiers-partages', label: 'Dossiers partagés' },
    { href: '/lieux', label: 'Lieux' },
  ],
  territoryPilot: [
    { href: '/espace/pilotage', label: 'Pilotage' },
    { href: '/lieux', label: 'Lieux' },
  ],
  nationalObserver: [{ href: '/espace/observatoire', label: 'Observatoire' }],
  admin: [
    { href: '/espace/admin', label: 'Administration' },
    { href: '/lieux', label: 'Lieux' },
  ],
};

function isCurrent(path: string, href: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(href + '/');
}

/** A hidden CSRF field for every form that changes something. */
export function CsrfField({ ctx }: { ctx: ViewContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

/**
 * The box to tick before an irreversible action (an erasure), with its error next to it; the page links its
 * error summary to `#confirmation`.
 */
export function ConfirmationCheckbox({ label, error }: { label: string; error?: string | undefined }) {
  return (
    <div class={`fr-checkbox-group${error ? ' fr-checkbox-group--error' : ''} fr-mb-3w`}>
      <input
        type="checkbox"
        id="confirmation"
        name="confirmation"
        value="oui"
        aria-describedby="confirmation-messages"
      />
      <label class="fr-label" for="confirmation">
        {label}
      </label>
      <div class="fr-messages-group" id="confirmation-messages" aria-live="assertive">
        {error && <p class="fr-message fr-message--error">{error}</p>}
      </div>
    </div>
  );
}

function Header({ ctx }: { ctx: ViewContext }) {
  const nav = navByRole[ctx.user?.role ?? 'anonymous'];
  return (
    <header role="banner" class="fr-header">
      <div class="fr-header__body">
        <div class="fr-container">
          <div class="fr-header__body-row">
            <div class="fr-header__brand fr-enlarge-link">
              <div class="fr-header__brand-top">
                <BrandLogo />
                <div class="fr-header__navbar">
                  <button
                    class="fr-btn--menu fr-btn"
                    type="button"
                    data-fr-opened="false"
                    aria-controls="menu-principal"
                    id="menu-principal-bouton"
                    title="Menu"
                  >
                    Menu
                  </button>
                </div>
              </div>
              <div class="fr-header__service">
                <a href="/" title={`Accueil — ${theme.serviceName}`}>
                  <p class="fr-header__service-title">{theme.serviceName}</p>
                </a>
                <p class="fr-header__service-tagline">{theme.tagline}</p>
              </div>
            </div>
            <div class="fr-header__tools">
              <div class="fr-header__tools-links">
                <ToolLinks ctx={ctx} />
              </div>
            </div>
          </div>
        </div>
      </div>
      <div class="fr-header__menu fr-modal" id="menu-principal" aria-labelledby="menu-principal-bouton">
        <div class="fr-container">
          <button class="fr-btn--close fr-btn" type="button" aria-controls="menu-principal" title="Fermer">
            Fermer
          </button>
          <div class="fr-header__menu-links">
            <ToolLinks ctx={ctx} />
          </div>
          <nav class="fr-nav" id="navigation" role="navigation" aria-label="Menu principal">
            <ul class="fr-nav__list">
              {nav.map((item) => (
                <li class="fr-nav__item">
                  <a
                    class="fr-nav__link"
                    href={item.href}
                    aria-current={isCurrent(ctx.path, item.href) ? 'page' : undefined}
                  >
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </div>
    </header>
  );
}

function ToolLinks({ ctx }: { ctx: ViewContext }) {
  if (!ctx.user) {
    return (
      <ul class="fr-btns-group">
        <li>
          <a class="fr-btn fr-icon-account-circle-line" href="/connexion">
            Se connecter (agents)
          </a>
        </li>
      </ul>
    );
  }
  return (
    <ul class="fr-btns-group">
      <li>
        <span
          class="fr-btn fr-icon-account-circle-line"
          aria-label={`Connecté : ${ctx.user.displayName}, ${roleLabels[ctx.user.role]}`}
        >
          {ctx.user.displayName} — {roleLabels[ctx.user.role]}
        </span>
      </li>
      <li>
        <form method="post" action="/deconnexion">
          <CsrfField ctx={ctx} />
          <button type="submit" class="fr-btn fr-icon-logout-box-r-line">
            Se déconnecter
          </button>
        </form>
      </li>
    </ul>
  );
}

function Footer({ ctx }: { ctx: ViewContext }) {
  return (
    <footer class="fr-footer" role="contentinfo" id="pied-de-page">
      <div class="fr-container">
        <div class="fr-footer__body">
          <FooterBrand />
          <div class="fr-footer__content">
            <p class="fr-footer__content-desc">
              {theme.serviceName} est le service public sans couture des territoires de l’expérimentation
              Carte Blanche
              {ctx.user?.territoryNames.length
                ? ` — le vôtre : ${ctx.user.territoryNames.join(', ')}`
                : ''} : {theme.operator}. Son code est libre.
            </p>
            <ul class="fr-footer__content-list">
              {/* The main links again: on a phone without JavaScript the header menu cannot open. */}
              {navByRole[ctx.user?.role ?? 'anonymous'].map((item) => (
                <li class="fr-footer__content-item">
                  <a class="fr-footer__content-link" href={item.href}>
                    {item.label}
                  </a>
                </li>
              ))}
              {!ctx.user && (
                <li class="fr-footer__content-item">
                  <a class="fr-footer__content-link" href="/connexion">
                    Se connecter (agents)
                  </a>
                </li>
              )}
              <li class="fr-footer__content-item">
                <a class="fr-footer__content-link" href="/experimentation">
                  L’expérimentation
                </a>
              </li>
              <li class="fr-footer__content-item">
                <a class="fr-footer__content-link" href="https://www.service-public.fr" rel="noopener">
                  service-public.fr
                </a>
              </li>
              <li class="fr-footer__content-item">
                <a class="fr-footer__content-link" href="https://www.france-services.gouv.fr" rel="noopener">
                  france-services.gouv.fr
                </a>
              </li>
            </ul>
          </div>
        </div>
        <div class="fr-footer__bottom">
          <ul class="fr-footer__bottom-list">
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/accessibilite">
                Accessibilité : partiellement conforme
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/mentions-legales">
                Mentions légales
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/donnees-personnelles">
                Données personnelles
              </a>
            </li>
            {ctx.devMailbox && (
              <li class="fr-footer__bottom-item">
                <a class="fr-footer__bottom-link" href="/dev/boite-mail">
                  Boîte mail de développement
                </a>
              </li>
            )}
          </ul>
        </div>
      </div>
    </footer>
  );
}

function Breadcrumb({ segments, current }: { segments: { href: string; label: string }[]; current: string }) {
  return (
    <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
      <button type="button" class="fr-breadcrumb__button" aria-expanded="false" aria-controls="fil-ariane">
        Voir le fil d’Ariane
      </button>
      <div class="fr-collapse" id="fil-ariane">
        <ol class="fr-breadcrumb__list">
          <li>
            <a class="fr-breadcrumb__link" href="/">
              Accueil
            </a>
          </li>
          {segments.map((s) => (
            <li>
              <a class="fr-breadcrumb__link" href={s.href}>
                {s.label}
              </a>
            </li>
          ))}
          <li>
            <a class="fr-breadcrumb__link" aria-current="page">
              {current}
            </a>
          </li>
        </ol>
      </div>
    </nav>
  );
}

/** The whole HTML document of a page. */
export function Layout({ ctx, title, children, breadcrumb, styles, skipLinks }: LayoutProps) {
  const base = ctx.dsfrBase;
  return (
    <html lang="fr" data-fr-scheme="system">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no" />
        <meta name="format-detection" content="telephone=no" />
        <title>{`${title} — ${theme.serviceName}`}</title>
        <link rel="stylesheet" href={`${base}/dsfr.min.css`} />
        <link rel="stylesheet" href={`${base}/utility/icons/icons.min.css`} />
        <link rel="stylesheet" href="/assets/app.css" />
        {styles?.map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        <link rel="stylesheet" href={`${base}/dsfr.print.min.css`} media="print" />
        <link rel="icon" href={`${base}/favicon/favicon.svg`} type="image/svg+xml" />
        <link rel="apple-touch-icon" href={`${base}/favicon/apple-touch-icon.png`} />
      </head>
      <body>
        <div class="fr-skiplinks">
          <nav class="fr-container" role="navigation" aria-label="Accès rapide">
            <ul class="fr-skiplinks__list">
              {skipLinks?.map((link) => (
                <li>
                  <a class="fr-link" href={link.href}>
                    {link.label}
                  </a>
                </li>
              ))}
              <li>
                <a class="fr-link" href="#contenu">
                  Contenu
                </a>
              </li>
              <li>
                <a class="fr-link" href="#navigation">
                  Menu
                </a>
              </li>
              <li>
                <a class="fr-link" href="#pied-de-page">
                  Pied de page
                </a>
              </li>
            </ul>
          </nav>
        </div>
        <Header ctx={ctx} />
        <main role="main" id="contenu" tabIndex={-1}>
          <div class="fr-container fr-mb-8w">
            {breadcrumb ? <Breadcrumb segments={breadcrumb} current={title} /> : <div class="fr-mt-4w" />}
            {children}
          </div>
        </main>
        <Footer ctx={ctx} />
        <script type="module" src={`${base}/dsfr.module.min.js`}></script>
        <script noModule src={`${base}/dsfr.nomodule.min.js`}></script>
      </body>
    </html>
  );
}
