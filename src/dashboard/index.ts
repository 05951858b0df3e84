/** The live training dashboard: a callback, its server, and the run files both read. */
export { Dashboard, dashboard, type DashboardOptions, type DashboardValidation } from './callback.js';
export { startDashboardServer, type DashboardServer, type DashboardServerOptions } from './server.js';
export { RunWriter, listRuns, readRun, type RunEvent } from './run-store.js';
