// What the resident's file adds to a plan page: save what the questionnaire changed in the file (one page to
// confirm), "Faire suivre à France Services", and for a visitor without an account, the way to create one.
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { LifeEvent } from '../../navigator/life-events.ts';
import { factLabel, factText, type FactChange } from '../facts.ts';

/** The file's section of a plan page. */
export function PlanPanel(props: { event: LifeEvent; resident: boolean; changes: number }) {
  const base = `/moments-de-vie/${props.event.id}`;
  return (
    <section class="sc-no-print fr-mt-4w" aria-labelledby="dossier-titre" data-file-panel>
      <h2 id="dossier-titre">Mon dossier et France Services</h2>
      {props.resident ? (
        <>
          {props.changes > 0 && (
            <p>
              {props.changes === 1
                ? 'Une de vos réponses est nouvelle ou différente de votre dossier.'
                : `${props.changes} de vos réponses sont nouvelles ou différentes de votre dossier.`}{' '}
              <a href={`${base}/mon-dossier`}>Les enregistrer dans mon dossier</a>
            </p>
          )}
          <a
            class="fr-btn fr-btn--secondary fr-icon-send-plane-line fr-btn--icon-left"
            href={`${base}/faire-suivre`}
          >
            Faire suivre à France Services
          </a>
        </>
      ) : (
        <p>
          Pour garder votre situation sans la redire, et faire suivre ce plan à un agent France Services,{' '}
          <a href="/mon-dossier/creer">créez votre compte ou connectez-vous</a>.
        </p>
      )}
    </section>
  );
}

/** The one page where the resident confirms what a questionnaire changed in their file. */
export function ConfirmChangesPage(props: {
  ctx: ViewContext;
  event: LifeEvent;
  changes: FactChange[];
  version: number;
  communes: { inseeCode: string; name: string }[];
  conflict: boolean;
  saved: boolean;
}) {
  const { ctx, event, changes } = props;
  const base = `/moments-de-vie/${event.id}`;
  const kinds = { new: 'Nouveau', changed: 'Modifié', confirmed: 'Confirmé' } as const;
  return (
    <Layout
      ctx={ctx}
      title={`${props.conflict ? 'Erreur — ' : ''}Mettre à jour mon dossier`}
      breadcrumb={[
        { href: base, label: event.title },
        { href: `${base}/plan`, label: 'Votre plan' },
      ]}
    >
      <h1>Mettre à jour mon dossier</h1>
      {props.saved && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>Votre dossier est à jour. Le prochain questionnaire ne vous redemandera pas ces réponses.</p>
        </div>
      )}
      {props.conflict && (
        <div class="fr-alert fr-alert--warning fr-mb-3w" role="alert" data-conflict>
          <h2 class="fr-alert__title">Votre dossier a été modifié entre-temps</h2>
          <p>
            Rien n’a été enregistré. Voici les changements par rapport à votre dossier tel qu’il est
            maintenant.
          </p>
        </div>
      )}
      {changes.length === 0 ? (
        <p>Votre dossier contient déjà toutes ces réponses.</p>
      ) : (
        <>
          <p>
            Vérifiez ces réponses du questionnaire « {event.title} » avant de les garder dans votre dossier.
          </p>
          <ul data-changes>
            {changes.map((c) => (
              <li data-change={c.key}>
                <strong>{factLabel(c.key)}</strong> — {kinds[c.kind]} :{' '}
                {c.kind === 'new'
                  ? `« ${factText(c.key, c.after, props.communes)} »`
                  : c.kind === 'confirmed'
                    ? `« ${factText(c.key, c.after, props.communes)} » (date renouvelée)`
                    : `« ${factText(c.key, c.before, props.communes)} » devient « ${factText(c.key, c.after, props.communes)} »`}
              </li>
            ))}
          </ul>
          <form method="post" action={`${base}/mon-dossier`}>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="version" value={String(props.version)} />
            <button class="fr-btn" type="submit">
              Enregistrer ces {changes.length} changement{changes.length > 1 ? 's' : ''} dans mon dossier
            </button>
          </form>
        </>
      )}
      <p class="fr-mt-4w">
        <a href={`${base}/plan`}>Revenir à mon plan</a>
      </p>
    </Layout>
  );
}
