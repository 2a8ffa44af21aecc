// "Qui a consulté ou modifié mon dossier, quand, pourquoi": the journal lines about the resident's file, with
// the agent's name and organisation.
import type { ViewContext } from '../../../platform/views/context.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { roleLabels, isRole } from '../../../platform/auth/roles.ts';
import type { FileJournalLine } from '../store.ts';
import { Table, when } from './common.tsx';

const actionLabels: Record<string, string> = {
  read: 'consultation',
  create: 'création',
  update: 'modification',
  delete: 'suppression',
  share: 'partage',
  export: 'export',
};

/** Who acted, in words. */
function who(line: FileJournalLine, residentId: string): string {
  if (line.actorId === residentId) return 'vous';
  if (line.actorName)
    return line.organisationName ? `${line.actorName} (${line.organisationName})` : line.actorName;
  if (line.actorRole && isRole(line.actorRole)) return roleLabels[line.actorRole];
  return 'la plateforme (traitement automatique)';
}

/** The journal of the resident's file. */
export function FileJournalPage(props: {
  ctx: ViewContext;
  lines: FileJournalLine[];
  residentId: string;
  limit: number;
}) {
  return (
    <Layout
      ctx={props.ctx}
      title="Qui a consulté ou modifié mon dossier"
      breadcrumb={[{ href: '/mon-dossier', label: 'Mon dossier' }]}
    >
      <h1>Qui a consulté ou modifié mon dossier</h1>
      <p>
        Chaque consultation et chaque modification de votre dossier, par vous, par un aidant sous mandat ou
        par un organisme avec qui vous l’avez partagé, est inscrite ici : qui, quand, pourquoi. Ce journal ne
        peut être ni modifié ni effacé.
      </p>
      <Table label="Le journal de votre dossier">
        <table data-journal>
          <caption>
            {props.lines.length >= props.limit
              ? `Les ${props.limit} dernières lignes (le journal complet est dans « Mes données »)`
              : 'Le journal de votre dossier'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Quand</th>
              <th scope="col">Qui</th>
              <th scope="col">Quoi</th>
              <th scope="col">Pourquoi</th>
            </tr>
          </thead>
          <tbody>
            {props.lines.map((l) => (
              <tr>
                <td>{when(l.at)}</td>
                <td>{who(l, props.residentId)}</td>
                <td>{actionLabels[l.action] ?? l.action}</td>
                <td>{l.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Table>
    </Layout>
  );
}
