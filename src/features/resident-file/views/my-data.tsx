// "Mes données": the resident's page listing what the platform holds about them and why, the download of it
// all, and the erasure of the account in two steps (this page, then a confirmation). Works without JavaScript.
import { ConfirmationCheckbox, CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { ResidentOverview } from '../my-data.ts';
import { Table } from './common.tsx';

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

/** "27 novembre 2026 à 14:05" in Paris time. */
function when(d: Date): string {
  return dateTime.format(d);
}

const myDataCrumb = [{ href: '/compte/mes-donnees', label: 'Mes données' }];

/** The list of what the platform holds about the signed-in resident. */
export function MyDataPage({ ctx, data }: { ctx: ViewContext; data: ResidentOverview }) {
  const { account } = data;
  const now = Date.now();
  return (
    <Layout ctx={ctx} title="Mes données" breadcrumb={[]}>
      <h1>Mes données</h1>
      <p class="fr-text--lead">
        Voici tout ce que Sans Couture garde sur vous, et pourquoi. Vous pouvez tout télécharger, ou supprimer
        votre compte.
      </p>

      <h2>Votre compte</h2>
      <p>Pour vous connecter et vous reconnaître. Gardé tant que votre compte existe.</p>
      <dl>
        <dt>
          <strong>Adresse électronique</strong>
        </dt>
        <dd>{account.email}</dd>
        <dt>
          <strong>Nom affiché</strong>
        </dt>
        <dd>{account.displayName}</dd>
        <dt>
          <strong>Compte créé le</strong>
        </dt>
        <dd>{when(account.createdAt)}</dd>
        <dt>
          <strong>Dernière connexion</strong>
        </dt>
        <dd>{account.lastLoginAt ? when(account.lastLoginAt) : 'jamais'}</dd>
        {data.territories.length > 0 && (
          <>
            <dt>
              <strong>Territoire</strong>
            </dt>
            <dd>{data.territories.join(', ')}</dd>
          </>
        )}
      </dl>

      <h2>Votre dossier</h2>
      <p>
        Ce que vous avez dit une fois pour ne pas le redire : votre situation, vos documents, vos mandats et
        vos partages. Gardé tant que votre compte existe ; vous le modifiez ou le videz dans{' '}
        <a href="/mon-dossier">Mon dossier</a>.
      </p>
      <ul data-file-summary>
        {data.file.map((line) => (
          <li>{line}</li>
        ))}
      </ul>

      <h2>Vos connexions</h2>
      <p>
        Pour que vous restiez connecté. Nous ne gardons que les dates : le contenu du cookie de connexion ne
        quitte pas votre navigateur. Une connexion dure au plus quelques heures, s’efface quand vous vous
        déconnectez, et sinon la nuit qui suit son expiration.
      </p>
      <Table label="Vos connexions">
        <table>
          <caption>Vos connexions</caption>
          <thead>
            <tr>
              <th scope="col">Ouverte le</th>
              <th scope="col">Dernière activité</th>
              <th scope="col">Expire le</th>
            </tr>
          </thead>
          <tbody>
            {data.sessions.map((s) => (
              <tr>
                <td>
                  {when(s.createdAt)}
                  {s.current && ' (celle-ci)'}
                </td>
                <td>{when(s.lastSeenAt)}</td>
                <td>
                  {when(s.expiresAt)}
                  {s.expiresAt.getTime() <= now && ' (expirée : effacée cette nuit)'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Table>
      <p>
        Liens de connexion reçus par courriel :{' '}
        {data.loginLinks.length === 0 ? 'aucun' : data.loginLinks.length}. Chacun est valable 30 minutes, une
        seule fois ; nous n’en gardons que les dates, une semaine au plus après leur usage ou leur expiration.
      </p>

      <h2>Vos réponses enregistrées</h2>
      <p>Pour reprendre un questionnaire plus tard. Effacées automatiquement au bout de 30 jours.</p>
      {data.savedAnswers.length === 0 ? (
        <p>Aucune réponse enregistrée avec votre compte.</p>
      ) : (
        <ul>
          {data.savedAnswers.map((a) => (
            <li>
              {a.lifeEvent} : enregistrées le {when(a.createdAt)}, effacées le {when(a.expiresAt)}
            </li>
          ))}
        </ul>
      )}
      <p class="fr-text--sm">
        Les réponses enregistrées sans être connecté ne sont reliées à aucun compte : seul leur lien privé
        permet de les retrouver, et de les effacer avec le bouton « Effacer » de sa page.
      </p>

      <h2>Les courriels que nous vous envoyons</h2>
      <p>
        Pour vous envoyer vos liens de connexion et ce que vous avez demandé (votre plan, par exemple). Chaque
        courriel est gardé, avec son texte, jusqu’à son envoi puis 30 jours, pour qu’aucun ne se perde si le
        serveur de courriel est en panne.
      </p>
      {data.mails.length === 0 ? (
        <p>Aucun courriel gardé pour votre adresse.</p>
      ) : (
        <ul>
          {data.mails.map((m) => (
            <li>
              « {m.subject} », du {when(m.createdAt)} : {m.status}
            </li>
          ))}
        </ul>
      )}

      <h2>Le journal des accès</h2>
      <p>
        La loi nous demande de pouvoir prouver qui a consulté ou modifié des données personnelles, quand et
        pourquoi. Le journal ne contient que des identifiants, des dates et des motifs, jamais le contenu de
        vos données. Il ne peut être ni modifié ni effacé : si vous supprimez votre compte, ses lignes
        restent, sans votre nom ni votre adresse.
      </p>
      <Table label="Le journal des accès">
        <table>
          <caption>
            {data.journal.total > data.journal.lines.length
              ? `Les ${data.journal.lines.length} dernières lignes du journal vous concernant, sur ${data.journal.total} (toutes sont dans le fichier à télécharger)`
              : 'Les lignes du journal vous concernant'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Qui</th>
              <th scope="col">Quoi</th>
              <th scope="col">Pourquoi</th>
            </tr>
          </thead>
          <tbody>
            {data.journal.lines.map((l) => (
              <tr>
                <td>{when(l.at)}</td>
                <td>{l.who}</td>
                <td>
                  {l.action} ({l.subject})
                </td>
                <td>{l.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Table>

      <h2>Si un agent vous a aidé au guichet</h2>
      <p>
        Les saisines qu’un agent (France Services, mairie…) a ouvertes pour vous au guichet ne sont pas
        rattachées à votre compte ; celles ouvertes à partir d’une demande envoyée depuis votre compte y sont
        reliées (voir « Ce que chaque organisme voit » dans Mon dossier). Pour obtenir la copie d’une saisine
        ou la faire effacer, demandez-le à l’organisme qui l’a ouverte : il peut le faire tout de suite.
      </p>

      <h2>Télécharger mes données</h2>
      <p>
        Un fichier au format JSON, lisible avec un éditeur de texte, qui contient tout ce qui est listé sur
        cette page et le journal complet.
      </p>
      <form method="post" action="/compte/mes-donnees/export">
        <CsrfField ctx={ctx} />
        <button class="fr-btn fr-icon-download-line fr-btn--icon-left" type="submit">
          Télécharger mes données (JSON)
        </button>
      </form>

      <h2 class="fr-mt-6w">Supprimer mon compte</h2>
      <p>
        Votre compte, vos connexions, vos liens de connexion, vos réponses enregistrées, votre dossier
        (situation, documents, mandats, partages, demandes) et les courriels gardés pour votre adresse seront
        effacés. Vous pourrez toujours utiliser Sans Couture sans compte.
      </p>
      <a
        class="fr-btn fr-btn--secondary fr-icon-delete-line fr-btn--icon-left"
        href="/compte/mes-donnees/effacement"
      >
        Supprimer mon compte
      </a>
    </Layout>
  );
}

/** The confirmation step of the account's erasure. */
export function AccountErasurePage({ ctx, error }: { ctx: ViewContext; error?: string }) {
  return (
    <Layout ctx={ctx} title={`${error ? 'Erreur — ' : ''}Supprimer mon compte`} breadcrumb={myDataCrumb}>
      <h1>Supprimer mon compte</h1>
      {error && (
        // After a reload without JavaScript the message must be found from the top: the title says "Erreur"
        // and this alert, read first, links to the box.
        <div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
          <h2 class="fr-alert__title">Le formulaire contient une erreur</h2>
          <p>
            <a href="#confirmation">{error}</a>
          </p>
        </div>
      )}
      <h2 class="fr-h5">Ce qui sera effacé</h2>
      <ul>
        <li>votre compte : adresse électronique et nom ;</li>
        <li>vos connexions et vos liens de connexion ;</li>
        <li>les réponses que vous avez enregistrées en étant connecté ;</li>
        <li>votre dossier : situation, documents, mandats, partages, demandes, accord d’être prévenu ;</li>
        <li>les courriels gardés pour votre adresse.</li>
      </ul>
      <h2 class="fr-h5">Ce qui reste</h2>
      <ul>
        <li>
          les lignes du journal des accès : elles ne contiennent qu’un identifiant, des dates et des motifs,
          sans votre nom ni votre adresse. La loi demande de les garder ;
        </li>
        <li>
          les dossiers ouverts pour vous par un agent : demandez leur effacement à l’organisme qui les a
          ouverts.
        </li>
      </ul>
      <p>
        La suppression est définitive. Pensez à <a href="/compte/mes-donnees">télécharger vos données</a>{' '}
        avant, si vous voulez les garder.
      </p>
      <form method="post" action="/compte/mes-donnees/effacement" novalidate>
        <CsrfField ctx={ctx} />
        <ConfirmationCheckbox
          label="Je comprends que la suppression de mon compte est définitive."
          error={error}
        />
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button class="fr-btn" type="submit">
              Supprimer définitivement mon compte
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href="/compte/mes-donnees">
              Annuler
            </a>
          </li>
        </ul>
      </form>
    </Layout>
  );
}

/** After the erasure: the session is gone, the page says what happened. */
export function AccountErasedPage({ ctx }: { ctx: ViewContext }) {
  return (
    <Layout ctx={ctx} title="Compte supprimé">
      <h1>Votre compte est supprimé</h1>
      <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
        <p>
          Votre compte, vos connexions, vos réponses enregistrées, votre dossier et les courriels gardés pour
          votre adresse sont effacés. Vous êtes déconnecté.
        </p>
      </div>
      <p>
        Le journal des accès garde ses lignes, sans votre nom ni votre adresse. Vous pouvez continuer à
        utiliser Sans Couture sans compte.
      </p>
      <a class="fr-btn" href="/">
        Revenir à l’accueil
      </a>
    </Layout>
  );
}
