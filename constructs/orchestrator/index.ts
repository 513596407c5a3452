/**
 * The orchestrator's hosting: the private container registry its images come from (registry.ts), the
 * internal Container Apps environment (environment.ts) and the app itself (container-app.ts).
 */
export * from './registry';
export * from './environment';
export * from './container-app';
