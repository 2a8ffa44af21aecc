// The development mailbox page: every mail the local SMTP server received, newest first. Mails are shown as
// text (escaped by the renderer), never as HTML: a mail's content must not run in the app's origin.
import { Layout } from '../views/layout.tsx';
import type { ViewContext } from '../views/context.ts';
import type { ReceivedMail } from './dev-mailbox.ts';

const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'medium',
  timeZone: 'Europe/Paris',
});

// Links in the text become clickable so that a magic link can be opened from the page.
function TextWithLinks({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a href={part} class="fr-link">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** The list of mails received by the development SMTP server. */
export function DevMailboxPage({ ctx, mails }: { ctx: ViewContext; mails: ReceivedMail[] }) {
  return (
    <Layout ctx={ctx} title="Boîte mail de développement">
      <h1>Boîte mail de développement</h1>
      <div class="fr-notice fr-notice--info fr-mb-4w">
        <div class="fr-container">
          <div class="fr-notice__body">
            <p class="fr-notice__title">
              Cette page n’existe qu’en développement : elle montre les courriels reçus par le serveur SMTP
              local, qui ne les transmet à personne.
            </p>
          </div>
        </div>
      </div>
      {mails.length === 0 ? (
        <p>Aucun courriel reçu pour l’instant.</p>
      ) : (
        <ul class="sc-list-reset" data-mails={mails.length}>
          {mails.map((mail) => (
            <li class="fr-card fr-mb-3w" data-mail-to={mail.to.join(',')}>
              <div class="fr-card__body">
                <div class="fr-card__content">
                  <h2 class="fr-card__title">{mail.subject || '(sans objet)'}</h2>
                  <p class="fr-card__desc">
                    À : {mail.to.join(', ')} — reçu le {dateFormat.format(mail.receivedAt)}
                  </p>
                  {mail.text.split(/\r?\n/).map((line) => (
                    <p class="fr-text--sm fr-mb-1v">
                      <TextWithLinks text={line} />
                    </p>
                  ))}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
