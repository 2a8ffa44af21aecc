// The French words of the resident's file, its mandates and requests, in one place.
import type { MandateStatus, MandateVia, RequestStatus } from '../tables.ts';

export const requestStatusLabels: Record<RequestStatus, string> = {
  new: 'envoyée, pas encore lue',
  seen: 'lue par France Services',
  'case-opened': 'saisine partagée ouverte',
  'appointment-proposed': 'rendez-vous proposé',
  closed: 'terminée',
  withdrawn: 'accord retiré',
};

export const mandateStatusLabels: Record<MandateStatus, string> = {
  pending: 'en attente de confirmation',
  active: 'en cours',
  revoked: 'révoqué',
  locked: 'bloqué (trois codes faux)',
};

export const mandateViaLabels: Record<MandateVia, string> = {
  printed: 'mandat imprimé et signé au guichet',
  'email-code': 'confirmé au guichet par un code reçu par courriel',
  'sms-code': 'confirmé au guichet par un code reçu par SMS',
  account: 'donné depuis votre compte',
};
