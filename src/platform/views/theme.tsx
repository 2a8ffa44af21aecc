// The brand of the operator. The DSFR's State brand block (Marianne, "République française") is reserved to
// State services: Sans Couture is operated under the préfecture du Lot for the Carte Blanche experiment.
// An operator that is not a State service swaps this one module (see docs/decisions/2026-11-27-dsfr.md).

export const theme = {
  serviceName: 'Sans Couture',
  tagline: 'Un seul plan, un seul dossier, une seule réponse — expérimentation Carte Blanche',
  operator: 'Préfecture du Lot — expérimentation Carte Blanche',
  /** Lines of the brand block; each element is one line of the "bloc marque". */
  brandLines: ['République', 'Française'],
  homeTitle: 'Accueil — Sans Couture',
  contactEmail: 'contact@sans-couture.localhost',
};

/** The State brand block (bloc marque), as DSFR markup. */
export function BrandLogo() {
  return (
    <div class="fr-header__logo">
      <p class="fr-logo">
        {theme.brandLines.map((line, index) => (
          <>
            {index > 0 && <br />}
            {line}
          </>
        ))}
      </p>
    </div>
  );
}

/** The same block for the footer. */
export function FooterBrand() {
  return (
    <div class="fr-footer__brand fr-enlarge-link">
      <a href="/" title={`Accueil — ${theme.serviceName}`}>
        <p class="fr-logo">
          {theme.brandLines.map((line, index) => (
            <>
              {index > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      </a>
    </div>
  );
}
