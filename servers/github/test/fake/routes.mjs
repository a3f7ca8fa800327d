// The fake's REST routes, each under GitHub's OpenAPI path template.
import { actionsRoutes } from './routes-actions.mjs';
import { extraRoutes } from './routes-extra.mjs';
import { issuesRoutes } from './routes-issues.mjs';
import { pullsRoutes } from './routes-pulls.mjs';
import { reposRoutes } from './routes-repos.mjs';
import { searchRoutes } from './routes-search.mjs';

export const routes = [
  ...reposRoutes,
  ...issuesRoutes,
  ...pullsRoutes,
  ...actionsRoutes,
  ...searchRoutes,
  ...extraRoutes(),
];
