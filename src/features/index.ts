// The feature plugins, in registration order. Each feature owns its routes, use-cases, queries and views;
// add one line here when a feature joins.
import type { FastifyPluginAsync } from 'fastify';
import homeRoutes from './home/routes.ts';
import territoryRoutes from './territory/routes.ts';
import accountsRoutes from './accounts/routes.ts';
import casesRoutes from './cases/routes.ts';
import navigatorRoutes from './navigator/routes.ts';
import rightsRoutes from './rights/routes.ts';
import residentDataRoutes from './resident-data/routes.ts';
import appointmentsRoutes from './appointments/routes.ts';

export const features: { name: string; plugin: FastifyPluginAsync }[] = [
  { name: 'home', plugin: homeRoutes },
  { name: 'territory', plugin: territoryRoutes },
  { name: 'accounts', plugin: accountsRoutes },
  { name: 'cases', plugin: casesRoutes },
  { name: 'navigator', plugin: navigatorRoutes },
  { name: 'rights', plugin: rightsRoutes },
  { name: 'resident-data', plugin: residentDataRoutes },
  { name: 'appointments', plugin: appointmentsRoutes },
];
