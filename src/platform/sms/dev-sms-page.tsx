// The development SMS outbox page: every text message the platform would have sent, newest first, shown as
// escaped text (development only, like the development mailbox).
import { Layout } from '../views/layout.tsx';
import type { ViewContext } from '../views/context.ts';
import type { KeptSms } from './sms.ts';

const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'medium',
  timeZone: 'Europe/Paris',
});

/** The development SMS outbox. */
export function DevSmsPage({ ctx, messages }: { ctx: ViewContext; messages: KeptSms[] }) {
  return (
    <Layout ctx={ctx} title="SMS de développement">
      <h1>SMS de développement</h1>
      <p>
        Aucun fournisseur de SMS n’est branché : hors production, les SMS sont gardés ici, en mémoire, au lieu
        d’être envoyés.
      </p>
      {messages.length === 0 ? (
        <p>Aucun SMS pour l’instant.</p>
      ) : (
        <ul>
          {messages.map((m) => (
            <li data-sms-to={m.to}>
              <strong>{m.to}</strong>, {dateFormat.format(m.at)} : {m.text}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
