// The satisfaction questionnaire (Services Publics+ style: three questions and a free text), its thanks page, and
// the invitation other features show after a plan, a closed case or an appointment.
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { ErrorSummary, errorOf, Fieldset, Radio, TextField } from '../../../platform/views/form.tsx';
import { subjectLabels, wentLabels, yesPartlyNoLabels } from '../indicators.ts';
import type { FormValues } from '../register.ts';
import type { SatisfactionContext } from '../satisfaction.ts';

/** The link to the questionnaire for a plan, a case or an appointment. */
export function satisfactionHref(about: {
  subject: 'plan' | 'case' | 'appointment';
  lifeEvent?: string | undefined;
  commune?: string | null | undefined;
  territoryId?: string | null | undefined;
}): string {
  const query = new URLSearchParams({ sujet: about.subject });
  if (about.lifeEvent) query.set('moment', about.lifeEvent);
  if (about.commune) query.set('commune', about.commune);
  if (about.territoryId) query.set('territoire', about.territoryId);
  return `/avis?${query.toString()}`;
}

/** The invitation to give one's opinion, shown after a plan, a closed case or an appointment. */
export function SatisfactionInvite(props: Parameters<typeof satisfactionHref>[0]) {
  return (
    <div class="fr-callout fr-callout--blue-cumulus fr-my-4w sc-no-print">
      <h2 class="fr-callout__title fr-h5">Votre avis compte</h2>
      <p class="fr-callout__text">
        Trois questions, une minute, anonyme : dites-nous comment cela s’est passé, pour améliorer le service.
      </p>
      <a class="fr-btn fr-btn--secondary" href={satisfactionHref(props)}>
        Je donne mon avis
      </a>
    </div>
  );
}

const value = (values: FormValues, name: string): string => {
  const raw = values[name];
  return Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
};

/** The questionnaire. */
export function SatisfactionPage({
  ctx,
  context,
  form,
  errors,
  commentMonths,
}: {
  ctx: ViewContext;
  context: SatisfactionContext;
  form: FormValues;
  errors: FieldError[];
  commentMonths: number;
}) {
  const questions = [
    { name: 'deroulement', legend: 'Comment cela s’est-il passé ?', options: wentLabels },
    { name: 'facilite', legend: 'Était-ce facile ?', options: yesPartlyNoLabels },
    { name: 'utilite', legend: 'La réponse vous a-t-elle été utile ?', options: yesPartlyNoLabels },
  ] as const;
  return (
    <Layout ctx={ctx} title={`${errors.length > 0 ? 'Erreur — ' : ''}Je donne mon avis`}>
      <h1>Je donne mon avis</h1>
      <p class="fr-text--lead">
        {subjectLabels[context.subject]} : trois questions, une minute. Votre avis est anonyme.
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action="/avis" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="sujet" value={context.subject} />
        {context.lifeEvent && <input type="hidden" name="moment" value={context.lifeEvent} />}
        {context.commune && <input type="hidden" name="commune" value={context.commune} />}
        {context.territoryId && <input type="hidden" name="territoire" value={context.territoryId} />}
        {questions.map((q) => (
          <Fieldset id={q.name} legend={q.legend} error={errorOf(errors, q.name)} inline>
            {Object.entries(q.options).map(([v, label]) => (
              <Radio name={q.name} value={v} label={label} checked={value(form, q.name) === v} />
            ))}
          </Fieldset>
        ))}
        <TextField
          name="commentaire"
          label="Voulez-vous en dire plus ? (facultatif)"
          hint={`N’écrivez ni nom, ni adresse, ni numéro de dossier. Votre commentaire est lu par l’équipe du territoire, jamais publié, et effacé au bout de ${commentMonths} mois. 1 000 caractères au plus.`}
          value={value(form, 'commentaire')}
          error={errorOf(errors, 'commentaire')}
          textarea
        />
        <button class="fr-btn" type="submit">
          Envoyer mon avis
        </button>
      </form>
    </Layout>
  );
}

/** Thanks, after the questionnaire. */
export function ThanksPage({ ctx }: { ctx: ViewContext }) {
  return (
    <Layout ctx={ctx} title="Merci pour votre avis">
      <h1>Merci pour votre avis</h1>
      <div class="fr-alert fr-alert--success fr-mb-4w" role="status">
        <p>
          Votre avis est enregistré. Il compte dans les indicateurs de l’expérimentation dans quelques
          minutes.
        </p>
      </div>
      <p>
        <a class="fr-link" href="/">
          Retour à l’accueil
        </a>
      </p>
    </Layout>
  );
}
