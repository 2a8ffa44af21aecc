// Services of the offer: what an organisation does for residents, where (places, at a distance, on the bus), for
// whom, how to use it and what to bring. Codes follow data·inclusion v1 where it has a list (themes, publics,
// fees); how to use a service is ours, mapped to data·inclusion's `modes_mobilisation` on export.

/** How a resident uses a service. */
export const usageModes = ['walk-in', 'phone', 'email', 'appointment', 'online'] as const;
export type UsageMode = (typeof usageModes)[number];

export const usageModeLabels: Record<UsageMode, string> = {
  'walk-in': 'Sans rendez-vous, aux heures d’ouverture',
  phone: 'Par téléphone',
  email: 'Par courriel',
  appointment: 'Sur rendez-vous',
  online: 'En ligne',
};

/** A service as the pages and the export see it. */
export interface Service {
  id: string;
  slug: string;
  territoryId: string;
  organisation: { id: string; slug: string; kind: string; name: string };
  name: string;
  description: string;
  kind: string | null;
  themes: string[];
  publics: string[];
  publicsDetails: string | null;
  fees: 'gratuit' | 'payant' | null;
  feesDetails: string | null;
  usageModes: UsageMode[];
  atDistance: boolean;
  onBus: boolean;
  prerequisites: string[];
  documents: string[];
  eligibilityZone: string[];
  onlineUrl: string | null;
  phone: string | null;
  email: string | null;
  source: string;
  lastCheckedOn: string;
  /** False: hidden from the public, kept for its organisation. */
  published: boolean;
  updatedAt: Date;
  places: { id: string; slug: string; name: string; communeInsee: string | null }[];
}

/** Plain words for a data·inclusion code: "sante--acces-aux-soins" → "Santé : accès aux soins" is not
 * derivable without accents, so the code is shown with its dashes turned into spaces and the family first. */
export function codeLabel(code: string): string {
  const [family, detail] = code.split('--');
  const words = (s: string) => s.replace(/-/g, ' ');
  const text = detail ? `${words(family!)} : ${words(detail)}` : words(family!);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
