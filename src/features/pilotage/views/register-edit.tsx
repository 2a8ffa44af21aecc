// The pilot's pages of the experiment register: the overview with every entry and its history, and one form per
// kind of entry (create or change), each re-shown with the French message next to the wrong field.
import type { ComponentChildren } from 'preact';
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { frenchDate } from '../../../platform/dates.ts';
import {
  Checkbox,
  ErrorSummary,
  errorOf,
  Fieldset,
  formatDateTime,
  Radio,
  TextField,
} from '../../../platform/views/form.tsx';
import { publicIndicators } from '../publication.ts';
import {
  conditionLabels,
  domainLabels,
  euros,
  participantLabels,
  stageLabels,
  stageOrder,
  statusLabels,
  type ConditionKey,
  type FormValues,
  type RegisterSection,
  type UpdatableSection,
} from '../register.ts';
import type { HistoryEntry, Register } from '../register-store.ts';
import type { DerogationDomain, DerogationStatus } from '../tables.ts';

export const sectionTitles: Record<RegisterSection, { title: string; add: string }> = {
  jalons: { title: 'Jalons', add: 'Ajouter un jalon' },
  ateliers: { title: 'Ateliers', add: 'Enregistrer un atelier' },
  irritants: { title: 'Irritants', add: 'Ajouter un irritant' },
  solutions: { title: 'Solutions', add: 'Ajouter une solution' },
  derogations: { title: 'Demandes de dérogation', add: 'Préparer une demande de dérogation' },
  financements: { title: 'Demandes de financement', add: 'Ajouter une demande de financement' },
};

interface Territory {
  id: string;
  name: string;
}

const value = (values: FormValues, name: string): string => {
  const raw = values[name];
  return Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
};
const values = (form: FormValues, name: string): string[] => {
  const raw = form[name];
  return Array.isArray(raw) ? raw : raw ? [raw] : [];
};

/** The pilot's overview of the register. */
export function RegisterPage({
  ctx,
  territory,
  territories,
  register,
  history,
  saved,
}: {
  ctx: ViewContext;
  territory: Territory;
  territories: Territory[];
  register: Register;
  history: HistoryEntry[];
  saved: boolean;
}) {
  const q = `?territoire=${territory.id}`;
  const e = register.experiment;
  const solutionTitle = (id: string | null) => register.solutions.find((s) => s.id === id)?.title;
  return (
    <Layout
      ctx={ctx}
      title={`Registre de l’expérimentation — ${territory.name}`}
      breadcrumb={[{ href: '/pilotage', label: 'Pilotage' }]}
      styles={['/assets/pilotage.css']}
    >
      <h1>Registre de l’expérimentation — {territory.name}</h1>
      {saved && (
        <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
          <p>Enregistré. Le registre public et son historique sont à jour.</p>
        </div>
      )}
      {territories.length > 1 && (
        <form method="get" action="/pilotage/registre" class="fr-mb-3w">
          <div class="fr-select-group">
            <label class="fr-label" for="territoire">
              Territoire
            </label>
            <select class="fr-select" id="territoire" name="territoire">
              {territories.map((t) => (
                <option value={t.id} selected={t.id === territory.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <button class="fr-btn fr-btn--secondary" type="submit">
            Changer de territoire
          </button>
        </form>
      )}
      <p>
        Tout ce qui est enregistré ici est public, en lecture seule, sur{' '}
        <a href={`/experimentation/${territory.id}`}>la page de l’expérimentation</a>, avec l’historique des
        changements. N’y écrivez aucune donnée personnelle.
      </p>

      <h2>Calendrier</h2>
      <p>
        <strong>{e.title}</strong>
        <br />
        {e.startsOn && e.endsOn
          ? `Du ${frenchDate(e.startsOn)} au ${frenchDate(e.endsOn)} : un an pour agir.`
          : 'La date de début n’est pas encore fixée.'}
      </p>
      <p>
        <a class="fr-btn fr-btn--secondary" href={`/pilotage/registre/calendrier${q}`}>
          Modifier le calendrier
        </a>
      </p>

      <Entries
        title="Jalons"
        section="jalons"
        q={q}
        items={register.milestones.map((m) => ({
          id: m.id,
          text: `${frenchDate(m.dueOn)} — ${m.title}${m.doneOn ? ` (atteint le ${frenchDate(m.doneOn)})` : ''}`,
          editable: true,
        }))}
      />
      <Entries
        title="Ateliers"
        section="ateliers"
        q={q}
        items={register.workshops.map((w) => ({
          id: w.id,
          text: `${frenchDate(w.heldOn)} — ${w.title} (${Object.values(w.participants).reduce((s, n) => s + n, 0)} participants, ${w.irritantIds.length} irritants)`,
          editable: false,
        }))}
      />
      <Entries
        title="Irritants"
        section="irritants"
        q={q}
        items={register.irritants.map((i) => ({
          id: i.id,
          text: i.title,
          editable: false,
        }))}
      />
      <Entries
        title="Solutions"
        section="solutions"
        q={q}
        items={register.solutions.map((s) => ({
          id: s.id,
          text: `${s.title} — ${stageLabels[s.stage]}`,
          editable: true,
        }))}
      />
      <Entries
        title="Demandes de dérogation"
        section="derogations"
        q={q}
        items={register.derogations.map((d) => ({
          id: d.id,
          text: `${d.title} — ${statusLabels[d.status]}${d.status === 'granted' ? ` par l’arrêté n° ${d.decreeReference}` : ''}`,
          editable: true,
        }))}
      />
      <Entries
        title="Demandes de financement"
        section="financements"
        q={q}
        items={register.fundings.map((f) => ({
          id: f.id,
          text: `${f.call} — ${euros(f.amountAsked)} demandés${f.amountGranted !== null ? `, ${euros(f.amountGranted)} accordés` : ''}${f.amountSpent !== null ? `, ${euros(f.amountSpent)} dépensés` : ''}${f.solutionId ? ` (${solutionTitle(f.solutionId) ?? ''})` : ''}`,
          editable: true,
        }))}
      />

      <h2>Historique</h2>
      <HistoryList history={history} />
    </Layout>
  );
}

function Entries({
  title,
  section,
  q,
  items,
}: {
  title: string;
  section: RegisterSection;
  q: string;
  items: { id: string; text: string; editable: boolean }[];
}) {
  return (
    <section aria-labelledby={`${section}-titre`} class="fr-mb-4w">
      <h2 id={`${section}-titre`}>{title}</h2>
      {items.length === 0 ? (
        <p>Aucun pour l’instant.</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li>
              {item.text}
              {item.editable && (
                <>
                  {' '}
                  <a href={`/pilotage/registre/${section}/${item.id}${q}`}>
                    Modifier<span class="fr-sr-only"> : {item.text}</span>
                  </a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <a class="fr-btn fr-btn--secondary fr-btn--sm" href={`/pilotage/registre/${section}/nouveau${q}`}>
        {sectionTitles[section].add}
      </a>
    </section>
  );
}

/** The history of the register, newest first. */
export function HistoryList({ history }: { history: HistoryEntry[] }) {
  if (history.length === 0) return <p>Aucun changement pour l’instant.</p>;
  return (
    <ol class="sc-timeline">
      {history.map((h) => (
        <li>
          <p class="fr-text--sm fr-mb-0">
            {formatDateTime(h.at)} — {h.actorRole}
          </p>
          <p class="fr-mb-0">{h.summary}</p>
        </li>
      ))}
    </ol>
  );
}

function FormPage({
  ctx,
  territory,
  title,
  action,
  errors,
  children,
  submit,
}: {
  ctx: ViewContext;
  territory: Territory;
  title: string;
  action: string;
  errors: FieldError[];
  children: ComponentChildren;
  submit: string;
}) {
  return (
    <Layout
      ctx={ctx}
      title={`${errors.length > 0 ? 'Erreur — ' : ''}${title}`}
      breadcrumb={[
        { href: '/pilotage', label: 'Pilotage' },
        { href: `/pilotage/registre?territoire=${territory.id}`, label: 'Registre' },
      ]}
    >
      <h1>{title}</h1>
      <p>{territory.name}. Ce que vous enregistrez sera public, avec la trace du changement.</p>
      <ErrorSummary errors={errors} />
      <form method="post" action={action} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="territoire" value={territory.id} />
        {children}
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button class="fr-btn" type="submit">
              {submit}
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--tertiary" href={`/pilotage/registre?territoire=${territory.id}`}>
              Annuler
            </a>
          </li>
        </ul>
      </form>
    </Layout>
  );
}

/** The calendar form: title, summary, start date (the end is one year later). */
export function CalendarPage({
  ctx,
  territory,
  form,
  errors,
}: {
  ctx: ViewContext;
  territory: Territory;
  form: FormValues;
  errors: FieldError[];
}) {
  return (
    <FormPage
      ctx={ctx}
      territory={territory}
      title="Calendrier de l’expérimentation"
      action="/pilotage/registre/calendrier"
      errors={errors}
      submit="Enregistrer le calendrier"
    >
      <TextField
        name="titre"
        label="Titre"
        value={value(form, 'titre')}
        error={errorOf(errors, 'titre')}
        required
      />
      <TextField
        name="resume"
        label="Présentation (facultatif)"
        value={value(form, 'resume')}
        error={errorOf(errors, 'resume')}
        textarea
      />
      <TextField
        name="debut"
        type="date"
        label="Date de début"
        hint="L’expérimentation dure un an : elle se termine la veille du même jour, un an plus tard."
        value={value(form, 'debut')}
        error={errorOf(errors, 'debut')}
        required
      />
    </FormPage>
  );
}

function SolutionChoice({
  register,
  form,
  errors,
}: {
  register: Register;
  form: FormValues;
  errors: FieldError[];
}) {
  const error = errorOf(errors, 'solution');
  return (
    <div class={`fr-select-group${error ? ' fr-select-group--error' : ''}`}>
      <label class="fr-label" for="solution">
        Pour quelle solution (facultatif)
      </label>
      <select
        class="fr-select"
        id="solution"
        name="solution"
        aria-describedby={error ? 'solution-error' : undefined}
      >
        <option value="">Aucune en particulier</option>
        {register.solutions.map((s) => (
          <option value={s.id} selected={value(form, 'solution') === s.id}>
            {s.title}
          </option>
        ))}
      </select>
      {error && (
        <p class="fr-error-text" id="solution-error">
          {error}
        </p>
      )}
    </div>
  );
}

function IrritantChoice({
  register,
  form,
  errors,
}: {
  register: Register;
  form: FormValues;
  errors: FieldError[];
}) {
  const chosen = values(form, 'irritants');
  return (
    <Fieldset id="irritants" legend="Irritants" error={errorOf(errors, 'irritants')}>
      {register.irritants.map((i) => (
        <Checkbox
          id={`irritant-${i.id}`}
          name="irritants"
          value={i.id}
          label={i.title}
          checked={chosen.includes(i.id)}
        />
      ))}
    </Fieldset>
  );
}

function IndicatorChoice({ form, errors }: { form: FormValues; errors: FieldError[] }) {
  const chosen = values(form, 'indicateurs');
  return (
    <Fieldset
      id="indicateurs"
      legend="Indicateurs qui jugent la solution"
      hint="Montrés sur la page publique mois par mois, une fois chaque mois terminé, avec le secret statistique."
      error={errorOf(errors, 'indicateurs')}
    >
      {Object.entries(publicIndicators).map(([id, p]) => (
        <Checkbox
          id={`indicateur-${id}`}
          name="indicateurs"
          value={id}
          label={p.label}
          checked={chosen.includes(id)}
        />
      ))}
    </Fieldset>
  );
}

/** The form that adds an entry to a section. */
export function CreationPage({
  ctx,
  territory,
  section,
  register,
  form,
  errors,
}: {
  ctx: ViewContext;
  territory: Territory;
  section: RegisterSection;
  register: Register;
  form: FormValues;
  errors: FieldError[];
}) {
  const common = {
    ctx,
    territory,
    errors,
    action: `/pilotage/registre/${section}`,
    title: sectionTitles[section].add,
  };
  const field = (name: string, label: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField name={name} label={label} value={value(form, name)} error={errorOf(errors, name)} {...extra} />
  );
  if (section === 'jalons')
    return (
      <FormPage {...common} submit="Ajouter le jalon">
        {field('titre', 'Jalon', { required: true })}
        {field('date', 'Date', {
          type: 'date',
          required: true,
          hint: 'Une date dans l’année de l’expérimentation.',
        })}
      </FormPage>
    );
  if (section === 'ateliers')
    return (
      <FormPage {...common} submit="Enregistrer l’atelier">
        {field('titre', 'Atelier', {
          required: true,
          hint: 'Par exemple « Atelier avec des familles à Catus ».',
        })}
        {field('date', 'Date', { type: 'date', required: true })}
        <Fieldset
          id="participants"
          legend="Qui a participé, en nombre de personnes"
          hint="0 ou vide si personne."
        >
          {(Object.keys(participantLabels) as (keyof typeof participantLabels)[]).map((kind) =>
            field(`participants_${kind}`, participantLabels[kind], { inputMode: 'numeric' }),
          )}
        </Fieldset>
        <IrritantChoice register={register} form={form} errors={errors} />
        {field('nouveaux_irritants', 'Nouveaux irritants nommés (un par ligne, facultatif)', {
          textarea: true,
        })}
        {field('notes', 'Notes (facultatif, sans donnée personnelle)', { textarea: true })}
      </FormPage>
    );
  if (section === 'irritants')
    return (
      <FormPage {...common} submit="Ajouter l’irritant">
        {field('titre', 'Irritant', { required: true })}
        {field('description', 'Description (facultatif)', { textarea: true })}
      </FormPage>
    );
  if (section === 'solutions')
    return (
      <FormPage {...common} submit="Ajouter la solution">
        {field('titre', 'Solution', { required: true })}
        {field('description', 'Description (facultatif)', { textarea: true })}
        <StageChoice form={form} errors={errors} fallback="idea" />
        <IrritantChoice register={register} form={form} errors={errors} />
        <IndicatorChoice form={form} errors={errors} />
      </FormPage>
    );
  if (section === 'derogations')
    return (
      <FormPage {...common} submit="Enregistrer la demande">
        <p>
          Le préfet peut déroger à une norme réglementaire de l’État dans sept matières, si quatre conditions
          sont remplies, par un arrêté motivé (décret n° 2020-412 du 8 avril 2020, articles 1 à 3).
        </p>
        {field('titre', 'Ce que la dérogation permet', { required: true })}
        {field('texte', 'Texte auquel il est dérogé', {
          required: true,
          hint: 'Par exemple « Arrêté du 11 octobre 2006 ».',
        })}
        {field('article', 'Article', { required: true, hint: 'Par exemple « article 2 ».' })}
        <Fieldset id="matiere" legend="Matière (article 1 du décret)" error={errorOf(errors, 'matiere')}>
          {(Object.entries(domainLabels) as [DerogationDomain, string][]).map(([id, label]) => (
            <Radio name="matiere" value={id} label={label} checked={value(form, 'matiere') === id} />
          ))}
        </Fieldset>
        <h2 class="fr-h5">Les quatre conditions de l’article 2 : comment la demande remplit chacune</h2>
        {(Object.entries(conditionLabels) as [ConditionKey, string][]).map(([key, label]) =>
          field(`condition_${key}`, label, { textarea: true, required: true }),
        )}
        <Fieldset id="statut" legend="Où en est la demande" error={errorOf(errors, 'statut')}>
          {(['draft', 'filed'] as DerogationStatus[]).map((s) => (
            <Radio
              name="statut"
              value={s}
              label={statusLabels[s]}
              checked={(value(form, 'statut') || 'draft') === s}
            />
          ))}
        </Fieldset>
        <SolutionChoice register={register} form={form} errors={errors} />
      </FormPage>
    );
  return (
    <FormPage {...common} submit="Ajouter la demande">
      {field('appel', 'Appel à projets', {
        required: true,
        hint: 'Par exemple « Fonds pour la transformation de l’action publique, 2e appel à projets ».',
      })}
      {field('demande', 'Montant demandé (euros)', { required: true, inputMode: 'numeric' })}
      {field('accorde', 'Montant accordé (euros, facultatif)', { inputMode: 'numeric' })}
      {field('depense', 'Montant dépensé (euros, facultatif)', { inputMode: 'numeric' })}
      <SolutionChoice register={register} form={form} errors={errors} />
    </FormPage>
  );
}

function StageChoice({
  form,
  errors,
  fallback,
}: {
  form: FormValues;
  errors: FieldError[];
  fallback: string;
}) {
  return (
    <Fieldset id="etape" legend="Étape" error={errorOf(errors, 'etape')}>
      {stageOrder.map((s) => (
        <Radio
          name="etape"
          value={s}
          label={stageLabels[s]}
          checked={(value(form, 'etape') || fallback) === s}
        />
      ))}
    </Fieldset>
  );
}

/** The form that changes an entry. */
export function UpdatePage({
  ctx,
  territory,
  section,
  id,
  register,
  form,
  errors,
}: {
  ctx: ViewContext;
  territory: Territory;
  section: UpdatableSection;
  id: string;
  register: Register;
  form: FormValues;
  errors: FieldError[];
}) {
  const common = {
    ctx,
    territory,
    errors,
    action: `/pilotage/registre/${section}/${id}`,
    submit: 'Enregistrer',
  };
  const field = (name: string, label: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField name={name} label={label} value={value(form, name)} error={errorOf(errors, name)} {...extra} />
  );
  if (section === 'jalons') {
    const m = register.milestones.find((x) => x.id === id)!;
    return (
      <FormPage {...common} title={`Jalon : ${m.title}`}>
        <p>Prévu le {frenchDate(m.dueOn)}.</p>
        <Fieldset id="atteint" legend="Le jalon est-il atteint ?">
          <Radio name="atteint" value="oui" label="Oui" checked={value(form, 'atteint') === 'oui'} />
          <Radio name="atteint" value="non" label="Pas encore" checked={value(form, 'atteint') !== 'oui'} />
        </Fieldset>
        {field('date_atteint', 'Atteint le (si oui)', { type: 'date' })}
      </FormPage>
    );
  }
  if (section === 'solutions') {
    const s = register.solutions.find((x) => x.id === id)!;
    return (
      <FormPage {...common} title={`Solution : ${s.title}`}>
        <StageChoice form={form} errors={errors} fallback={s.stage} />
        <IndicatorChoice form={form} errors={errors} />
      </FormPage>
    );
  }
  if (section === 'derogations') {
    const d = register.derogations.find((x) => x.id === id)!;
    return (
      <FormPage {...common} title={`Dérogation : ${d.title}`}>
        <p>
          {d.legalText}, {d.article} — {domainLabels[d.domain]}.
        </p>
        <Fieldset id="statut" legend="Statut" error={errorOf(errors, 'statut')}>
          {(Object.keys(statusLabels) as DerogationStatus[]).map((st) => (
            <Radio
              name="statut"
              value={st}
              label={statusLabels[st]}
              checked={(value(form, 'statut') || d.status) === st}
            />
          ))}
        </Fieldset>
        {field('arrete', 'Numéro de l’arrêté préfectoral (si accordée)', { hint: 'Par exemple 2027-014.' })}
        {field('date_decision', 'Date de la décision (si accordée ou refusée)', { type: 'date' })}
      </FormPage>
    );
  }
  const f = register.fundings.find((x) => x.id === id)!;
  return (
    <FormPage {...common} title={`Financement : ${f.call}`}>
      <p>Montant demandé : {euros(f.amountAsked)}.</p>
      {field('accorde', 'Montant accordé (euros)', { inputMode: 'numeric' })}
      {field('depense', 'Montant dépensé (euros)', { inputMode: 'numeric' })}
    </FormPage>
  );
}
