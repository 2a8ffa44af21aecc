// The feature plugins, in registration order. Each feature owns its routes, use-cases, queries and views;
// add one line here when a feature joins.
import type { FastifyPluginAsync } from 'fastify';
import homeRoutes from './home/routes.ts';
import territoryRoutes from './territory/routes.ts';
import accountsRoutes from './accounts/routes.ts';
import casesRoutes from './cases/routes.ts';
import navigatorRoutes from './navigator/routes.ts';
import rightsRoutes from './rights/routes.ts';
import appointmentsRoutes from './appointments/routes.ts';
import residentFileRoutes from './resident-file/routes.ts';
import outreachRoutes from './outreach/routes.ts';
import pilotageRoutes from './pilotage/routes.ts';

export const features: { name: string; plugin: FastifyPluginAsync }[] = [
  { name: 'home', plugin: homeRoutes },
  { name: 'territory', plugin: territoryRoutes },
  { name: 'accounts', plugin: accountsRoutes },
  { name: 'cases', plugin: casesRoutes },
  { name: 'navigator', plugin: navigatorRoutes },
  { name: 'rights', plugin: rightsRoutes },
  { name: 'appointments', plugin: appointmentsRoutes },
  { name: 'resident-file', plugin: residentFileRoutes },
  { name: 'outreach', plugin: outreachRoutes },
  { name: 'pilotage', plugin: pilotageRoutes },
];
