// What every page knows about the request: who is connected, the CSRF token, the current path.
import type { Role } from '../auth/roles.ts';

export interface ViewUser {
  id: string;
  displayName: string;
  role: Role;
  organisationName: string | null;
  /** The user's territories (bassins de vie), by name. */
  territoryNames: string[];
}

export interface ViewContext {
  user: ViewUser | null;
  csrfToken: string;
  path: string;
  devMailbox: boolean;
  dsfrBase: string;
}
