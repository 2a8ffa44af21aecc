// The French words of the cases feature, in one place.
import type { CaseStatus, ConsentKind, MailVolume, MessageKind, Usefulness } from './tables.ts';

/** Life events, with the ids of the public API contract, plus "other". */
export const lifeEventLabels: Record<string, string> = {
  birth: 'Naissance ou arrivée d’un enfant',
  adoption: 'Adoption',
  'autonomy-loss': 'Perte d’autonomie (soi ou un proche)',
  'business-creation': 'Création d’entreprise',
  'self-employment': 'Installation comme indépendant',
  'job-loss': 'Perte d’emploi',
  moving: 'Déménagement',
  bereavement: 'Décès d’un proche',
  retirement: 'Départ à la retraite',
  'first-hire': 'Première embauche',
  other: 'Autre situation',
};

export const statusLabels: Record<CaseStatus, string> = {
  new: 'Nouveau',
  in_progress: 'En cours',
  answered: 'Répondu',
  closed: 'Clos',
};

/** DSFR badge variant of each status. */
export const statusBadges: Record<CaseStatus, string> = {
  new: 'fr-badge--new',
  in_progress: 'fr-badge--info',
  answered: 'fr-badge--success',
  closed: '',
};

export const consentKindLabels: Record<ConsentKind, string> = {
  'paper-mandate': 'Mandat papier signé (déposé)',
  'printed-mandate': 'Mandat pré-rempli à imprimer et faire signer',
  email: 'Confirmation par l’usager par courriel',
  sms: 'Confirmation par l’usager par SMS',
};

export const messageKindLabels: Record<MessageKind, string> = {
  answer: 'Réponse',
  question: 'Demande d’information à l’aidant',
  message: 'Message',
  internal: 'Note interne (visible par votre organisme seulement)',
  event: 'Événement',
  'not-concerned': 'Pas le bon interlocuteur (notre organisme n’est pas concerné)',
};

/** The short badge of a message kind in the thread. */
export const messageKindBadges: Record<MessageKind, string> = {
  answer: 'Réponse',
  question: 'Question à l’aidant',
  message: 'Message',
  internal: 'Note interne',
  event: 'Événement',
  'not-concerned': 'Pas le bon interlocuteur',
};

export const usefulnessLabels: Record<Usefulness, string> = {
  yes: 'Oui, la réponse a été utile',
  partly: 'En partie',
  no: 'Non',
};

export const mailVolumeLabels: Record<MailVolume, string> = {
  immediate: 'Un courriel à chaque nouveauté, et le récapitulatif de la semaine',
  digest: 'Seulement le récapitulatif de la semaine (et les relances)',
  minimum: 'Seulement les relances et alertes de délai',
};
