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

/** The helpers' outreach list. */
export function OutreachListPage(props: {
  ctx: ViewContext;
  lines: OutreachLine[];
  total: number;
  page: number;
  pages: number;
  errors: FieldError[];
  done: boolean;
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Aller-vers" breadcrumb={[{ href: '/espace/aidant', label: 'Mon espace' }]}>
      <h1>Aller-vers : aides probables non demandées</h1>
      <p>
        Usagers de votre territoire qui ont accepté d’être prévenus, et à qui leur dossier rend une aide
        probable qu’ils n’ont pas demandée. Contactez-les, puis dites ce qui s’est passé. Un refus est
        définitif : l’aide ne leur est plus proposée. {props.total} aide{props.total > 1 ? 's' : ''} à suivre.
      </p>
      {props.done && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>C’est noté.</p>
        </div>
      )}
      <ErrorSummary errors={props.errors} />
      {props.lines.length === 0 ? (
        <p>Personne à contacter pour l’instant.</p>
      ) : (
        <Table label="Aides probables à suivre">
          <table data-outreach>
            <caption>
              Aides probables à suivre, page {props.page} sur {props.pages}
            </caption>
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
                <tr>
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
      {props.pages > 1 && (
        <nav role="navigation" class="fr-pagination" aria-label="Pagination">
          <ul class="fr-pagination__list">
            {props.page > 1 && (
              <li>
                <a
                  class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label"
                  href={`/espace/aidant/aller-vers?page=${props.page - 1}`}
                >
                  Page précédente
                </a>
              </li>
            )}
            <li>
              <a class="fr-pagination__link" aria-current="page">
                {props.page}
              </a>
            </li>
            {props.page < props.pages && (
              <li>
                <a
                  class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label"
                  href={`/espace/aidant/aller-vers?page=${props.page + 1}`}
                >
                  Page suivante
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </Layout>
  );
}
