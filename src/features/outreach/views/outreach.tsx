// Aller-vers pages: the resident's ("prévenez-moi", the rights found with the plan's explanation, book or ask a
// helper, decline) and the helpers' list of consenting residents with probable unclaimed rights.
import type { FieldError } from '../../../platform/errors.ts';
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import { eligibleAmountText } from '../../navigator/format.ts';
import { Agreement, ErrorSummary, Table, TextField, day } from '../../resident-file/views/common.tsx';
import type { Site } from '../../resident-file/store.ts';
import { benefitLabel, outcomeLabels, type ResidentOutreach } from '../outreach.ts';
import type { OutreachLine } from '../store.ts';

/** The resident's aller-vers page. */
export function ResidentOutreachPage(props: {
  ctx: ViewContext;
  data: ResidentOutreach;
  sites: Site[];
  values: { telephone: string };
  errors: FieldError[];
  done: string | null;
}) {
  const { ctx, data, errors } = props;
  return (
    <Layout
      ctx={ctx}
      title={`${errors.length > 0 ? 'Erreur — ' : ''}Nouvelles aides`}
      breadcrumb={[{ href: '/mon-dossier', label: 'Mon dossier' }]}
    >
      <h1>Prévenez-moi si j’ai droit à une nouvelle aide</h1>
      <p>
        Chaque nuit, avec votre accord, nous ré-estimons vos droits à partir de votre dossier quand il change
        ou quand les barèmes changent. Une aide qui devient probable vous est signalée une fois, par courriel
        (et par SMS si vous le voulez). Les aidants France Services de votre territoire voient alors votre nom
        et cette aide dans leur liste, pour vous proposer de l’aide. Sans votre accord, vous n’êtes sur aucune
        liste.
      </p>
      {props.done && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>{props.done}</p>
        </div>
      )}
      {data.consent ? (
        <div class="fr-callout fr-mb-4w" data-consent="oui">
          <p class="fr-callout__text">
            Vous êtes prévenu depuis le {day(data.consent.givenAt)}
            {data.consent.smsPhone
              ? `, par courriel et par SMS au ${data.consent.smsPhone}`
              : ', par courriel'}
            .
          </p>
          <form method="post" action="/mon-dossier/nouvelles-aides/retrait">
            <CsrfField ctx={ctx} />
            <button class="fr-btn fr-btn--secondary" type="submit">
              Ne plus être prévenu
            </button>
          </form>
        </div>
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <form method="post" action="/mon-dossier/nouvelles-aides" novalidate data-consent="non">
            <CsrfField ctx={ctx} />
            <TextField
              name="telephone"
              label="Portable pour recevoir aussi un SMS (facultatif)"
              type="tel"
              value={props.values.telephone}
              errors={errors}
              autoComplete="tel"
            />
            <Agreement
              name="accord"
              checked={false}
              errors={errors}
              label="J’accepte que Sans Couture ré-estime mes droits chaque nuit à partir de mon dossier, me prévienne d’une nouvelle aide, et que les aidants de mon territoire me le proposent. Je peux retirer cet accord à tout moment."
            />
            <button class="fr-btn" type="submit">
              Prévenez-moi
            </button>
          </form>
        </>
      )}
      <h2 class="fr-mt-4w">Les aides que votre dossier rend probables aujourd’hui</h2>
      {data.probable.length === 0 ? (
        <p>
          Aucune pour l’instant, d’après les informations à jour de votre dossier.{' '}
          <a href="/mon-dossier/situation">Compléter ma situation</a>
        </p>
      ) : (
        <ul class="sc-list-reset">
          {data.probable.map((b) => (
            <li class="fr-p-2w fr-mb-3w sc-place" data-benefit={b.id}>
              <h3 class="fr-h5">
                {b.label} : {eligibleAmountText(b)}
              </h3>
              <p class="fr-text--bold fr-mb-1w">Pourquoi ce montant ?</p>
              {b.explanation.split('\n').map((line) => (
                <p class="fr-mb-1w fr-text--sm">{line}</p>
              ))}
              <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
                <li>
                  <a class="fr-btn" href="/rendez-vous">
                    Prendre rendez-vous
                  </a>
                </li>
              </ul>
              {props.sites.length > 0 && (
                <form method="post" action={`/mon-dossier/nouvelles-aides/${b.id}/aidant`} class="fr-mb-2w">
                  <CsrfField ctx={ctx} />
                  <div class="fr-select-group">
                    <label class="fr-label" for={`lieu-${b.id}`}>
                      Espace France Services
                    </label>
                    <select class="fr-select" id={`lieu-${b.id}`} name="lieu">
                      {props.sites.map((s) => (
                        <option value={s.slug}>{s.name}</option>
                      ))}
                    </select>
                  </div>
                  <input type="hidden" name="accord" value="oui" />
                  <button class="fr-btn fr-btn--secondary" type="submit">
                    Demander à un aidant de m’aider pour : {b.label}
                  </button>
                  <p class="fr-text--xs">
                    L’aidant voit votre identité et votre situation pendant 3 mois ; vous pouvez retirer votre
                    accord.
                  </p>
                </form>
              )}
              <form method="post" action={`/mon-dossier/nouvelles-aides/${b.id}/refus`}>
                <CsrfField ctx={ctx} />
                <button class="fr-btn fr-btn--tertiary fr-btn--sm" type="submit">
                  Je ne souhaite pas demander : {b.label}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {data.declined.length > 0 && (
        <p class="fr-text--sm">
          Vous ne souhaitez pas demander : {data.declined.map(benefitLabel).join(', ')}. Elles ne vous seront
          plus proposées.
        </p>
      )}
      <p class="fr-text--sm">Ce sont des estimations : seul l’organisme qui verse l’aide décide.</p>
    </Layout>
  );
}

/** The URL of the helpers' list: its first page, or the page of an encoded cursor; `done` says a follow-up was saved. */
export function outreachListUrl(cursor: string | null, done = false): string {
  const query = new URLSearchParams();
  if (done) query.set('fait', 'suivi');
  if (cursor) query.set('curseur', cursor);
  const text = query.toString();
  return `/espace/aidant/aller-vers${text ? `?${text}` : ''}`;
}

/** How many lines the list holds, in words: exact up to the cap, "plus de 1 000" beyond. */
function totalText(total: { count: number; more: boolean }): string {
  if (total.more) return `Plus de ${total.count.toLocaleString('fr-FR')} aides à suivre.`;
  return `${total.count.toLocaleString('fr-FR')} aide${total.count > 1 ? 's' : ''} à suivre.`;
}

/** The helpers' outreach list. */
export function OutreachListPage(props: {
  ctx: ViewContext;
  lines: OutreachLine[];
  /** Null when the page could not be read (a damaged link). */
  total: { count: number; more: boolean } | null;
  /** The encoded cursors of the pages around this one, null at either end. */
  previous: string | null;
  next: string | null;
  /** The cursor this page was reached with (a follow-up saved from it comes back to it); null: the first page. */
  current: string | null;
  errors: FieldError[];
  done: boolean;
  /** Reached by an old numbered link (`?page=3`): the first page, and why. */
  numbered: boolean;
  /** The page's link was damaged: nothing listed, a way back to the first page. */
  badLink: boolean;
}) {
  const { ctx } = props;
  return (
    <Layout
      ctx={ctx}
      title={`${props.badLink || props.errors.length > 0 ? 'Erreur — ' : ''}Aller-vers`}
      breadcrumb={[{ href: '/espace/aidant', label: 'Mon espace' }]}
    >
      <h1>Aller-vers : aides probables non demandées</h1>
      <p>
        Usagers de votre territoire qui ont accepté d’être prévenus, et à qui leur dossier rend une aide
        probable qu’ils n’ont pas demandée. Contactez-les, puis dites ce qui s’est passé. Un refus est
        définitif : l’aide ne leur est plus proposée.
        {props.total && <> {totalText(props.total)}</>}
      </p>
      {props.badLink && (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <h2 class="fr-alert__title">Lien de page non valide</h2>
          <p>
            Ce lien de page n’est pas valide (il a peut-être été coupé ou modifié).{' '}
            <a href={outreachListUrl(null)}>Revenir au début de la liste</a>
          </p>
        </div>
      )}
      {props.numbered && (
        <div class="fr-alert fr-alert--info fr-mb-3w" role="status">
          <h2 class="fr-alert__title">Les pages ne sont plus numérotées</h2>
          <p>
            Voici le début de la liste, avec les aides trouvées le plus récemment. Passez d’une page à l’autre
            avec « Suivant » et « Précédent », en bas de la liste.
          </p>
        </div>
      )}
      {props.done && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>C’est noté.</p>
        </div>
      )}
      <ErrorSummary errors={props.errors} />
      {props.badLink ? null : props.lines.length === 0 ? (
        <p>Personne à contacter pour l’instant.</p>
      ) : (
        <Table label="Aides probables à suivre">
          <table data-outreach>
            <caption>Aides probables à suivre, des plus récemment trouvées aux plus anciennes</caption>
            <thead>
              <tr>
                <th scope="col">Usager</th>
                <th scope="col">Aide</th>
                <th scope="col">Depuis</th>
                <th scope="col">Suivi</th>
              </tr>
            </thead>
            <tbody>
              {props.lines.map((l, i) => (
                <tr data-line={`${l.userId}/${l.benefitId}`}>
                  <td>
                    {l.name}
                    <br />
                    <span class="fr-text--xs">
                      {l.email}
                      {l.smsPhone ? ` — ${l.smsPhone}` : ''}
                    </span>
                  </td>
                  <td>
                    {benefitLabel(l.benefitId)}
                    {l.amount !== null && l.frequency ? (
                      <>
                        <br />
                        <span class="fr-text--xs">
                          {eligibleAmountText({
                            id: l.benefitId,
                            amount: l.amount,
                            frequency: l.frequency as 'monthly' | 'yearly' | 'once',
                          })}
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td>{day(l.since)}</td>
                  <td>
                    <form method="post" action={`/espace/aidant/aller-vers/${l.userId}/${l.benefitId}`}>
                      <CsrfField ctx={ctx} />
                      {props.current && <input type="hidden" name="curseur" value={props.current} />}
                      <div class="fr-select-group">
                        <label class="fr-label" for={`issue-${i}`}>
                          {l.outcome ? `État : ${outcomeLabels[l.outcome]}` : 'À contacter'}
                        </label>
                        <select class="fr-select" id={`issue-${i}`} name="issue">
                          {Object.entries(outcomeLabels).map(([value, label]) => (
                            <option value={value} selected={l.outcome === value}>
                              {label}
                            </option>
                          ))}
                        </select>
                      </div>
                      <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                        Enregistrer le suivi de {l.name}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Table>
      )}
      {(props.previous || props.next) && (
        // Pages follow when each right was found (a cursor, not a page number): a line followed up while the helper
        // reads is neither listed twice nor makes another skipped, and the thousandth page costs what the first
        // does. The links keep their words on a phone (DSFR's "--label", not "--lg-label", which shows only an
        // arrow below 992 px).
        <nav role="navigation" class="fr-pagination" aria-label="Pages de la liste d’aller-vers">
          <ul class="fr-pagination__list">
            {props.previous && (
              <li>
                <a
                  class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--label"
                  href={outreachListUrl(props.previous)}
                  rel="prev"
                >
                  Précédent
                </a>
              </li>
            )}
            {props.next && (
              <li>
                <a
                  class="fr-pagination__link fr-pagination__link--next fr-pagination__link--label"
                  href={outreachListUrl(props.next)}
                  rel="next"
                >
                  Suivant
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </Layout>
  );
}
