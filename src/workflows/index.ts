// The workflow bundle's entry: every workflow type the worker serves is exported from here.
export { diagnosticsWorkflow } from './diagnostics';
export { pollLoopWorkflow } from './poll-loop';
export { alertFanoutWorkflow } from './alert-fanout';
export { maintenanceRemindersWorkflow } from './maintenance-reminders';
export { reportWorkflow } from './report';
export { interactionWorkflow } from './interaction';
export { welcomeWorkflow } from './welcome';
export { retentionWorkflow } from './retention';
