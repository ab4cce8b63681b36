import type { z } from '@mediation/config';

/** action name in the URL -> the RPC it becomes and the body it takes. */
export type CommandTable = Record<string, { rpc: string; summary: string; body: z.ZodType }>;
