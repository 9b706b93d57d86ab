/**
 * The /status dashboard image (the canvas renderer itself, src/dashboard/dashboard.ts, is loaded by
 * the renderer on its first picture). Typical use in the command handler:
 *
 *   const renderer = createDashboardRenderer();            // once, where the bot's services are built
 *   const data = await loadDashboardSeries(em, now);        // one indexed query
 *   const png = await renderer.render({ now, language, ...data });
 *   // attach as DASHBOARD_ATTACHMENT_NAME, embed image `attachment://${DASHBOARD_ATTACHMENT_NAME}`
 */
export { createDashboardRenderer, type DashboardRenderer, type DashboardRequest } from './cache';
export { DASHBOARD_HEIGHT, DASHBOARD_WIDTH } from './layout';
export { type DashboardData, loadDashboardSeries } from './load';
export type { DashboardInput, DashboardSeries, SeriesPoint } from './types';

export const DASHBOARD_ATTACHMENT_NAME = 'vrcpulse-dashboard.png';
