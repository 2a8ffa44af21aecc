// The confirmation step of erasing a resident's personal data from a case, at their request. It shows no
// personal data: the agent comes from the case page, and this page only says what goes and what stays.
import { ConfirmationCheckbox, CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { ErasureSummary } from '../resident-request.ts';
import { lifeEventLabels, statusLabels } from '../labels.ts';
import { ErrorSummary } from '../../../platform/views/form.tsx';

/** "Effacer les données personnelles à la demande de l’usager": what it does, and a box to tick. */
export function CaseErasurePage({
  ctx,
  summary,
  error,
}: {
  ctx: ViewContext;
  summary: ErasureSummary;
  error?: string;
}) {
  const { meta } = summary;
  const caseUrl = `/dossiers/${meta.id}`;
  return (
    <Layout
      ctx={ctx}
      title={`${error ? 'Erreur — ' : ''}Effacer les données personnelles — dossier ${meta.reference}`}
      breadcrumb={[
        { href: '/dossiers', label: 'Saisines' },
        { href: caseUrl, label: `Dossier ${meta.reference}` },
      ]}
    >
      <h1>Effacer les données personnelles à la demande de l’usager</h1>
      {/* After a reload without JavaScript, the title says "Erreur" and this alert, read first, links to the box. */}
      <ErrorSummary errors={error ? [{ field: 'confirmation', message: error }] : []} />
      <p>
        Dossier {meta.reference} — {lifeEventLabels[meta.lifeEvent] ?? meta.lifeEvent},{' '}
        {statusLabels[meta.status].toLowerCase()}, ouvert par {meta.helperOrganisation}.
      </p>
      {meta.erased ? (
        <div class="fr-alert fr-alert--info fr-mb-3w">
          <p>Les données personnelles de ce dossier sont déjà effacées : il n’y a plus rien à effacer.</p>
        </div>
      ) : (
        <>
          <h2 class="fr-h5">Ce qui sera effacé</h2>
          <ul>
            <li>
              l’identité de l’usager : prénom, nom, date de naissance, numéros CAF, de sécurité sociale et
              fiscal ;
            </li>
            {/* No counts: they would include the invited organisations' internal notes and their files,
                which the helper's organisation does not see. */}
            <li>
              la question posée et le texte de tous les messages du dossier, y compris les notes internes des
              organismes invités ;
            </li>
            <li>
              toutes les pièces jointes, y compris le mandat s’il y en a un : les fichiers sont supprimés ;
            </li>
            <li>l’adresse ou le numéro donnés pour confirmer le consentement, et sa portée.</li>
          </ul>
          <h2 class="fr-h5">Ce qui reste</h2>
          <ul>
            <li>
              les dates, les états, le moment de vie, les organismes invités et l’utilité de la réponse, sans
              aucun nom : ils servent aux statistiques de l’expérimentation ;
            </li>
            <li>
              le journal d’audit, qui ne contient que des identifiants et des dates : la loi demande de garder
              la trace de qui a accédé aux données.
            </li>
          </ul>
          {meta.status !== 'closed' && (
            <div class="fr-alert fr-alert--warning fr-mb-3w">
              <p>
                Ce dossier est en cours : l’effacement le clôt, et les organismes invités ne pourront plus y
                répondre.
              </p>
            </div>
          )}
          <p>L’effacement est définitif. Il est inscrit au journal d’audit à votre nom.</p>
          <form method="post" action={`${caseUrl}/effacement`} novalidate>
            <CsrfField ctx={ctx} />
            <ConfirmationCheckbox
              label="L’usager m’a demandé d’effacer ses données, et je comprends que l’effacement est définitif."
              error={error}
            />
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button class="fr-btn" type="submit">
                  Effacer définitivement
                </button>
              </li>
              <li>
                <a class="fr-btn fr-btn--secondary" href={caseUrl}>
                  Annuler
                </a>
              </li>
            </ul>
          </form>
        </>
      )}
      {meta.erased && (
        <a class="fr-link" href={caseUrl}>
          Revenir au dossier
        </a>
      )}
    </Layout>
  );
}
