/** VRChat sources: Statuspage v2 and the CloudFront metric feeds. No Temporal, no database. */
export * from './client';
export * from './errors';
export * from './metrics';
export * from './schemas';
export type * from './types';
