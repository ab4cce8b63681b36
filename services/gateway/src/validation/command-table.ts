import type { z } from '@mediation/config';

/**
 * action name in the URL -> the RPC it becomes (a method name of the service's typed client,
 * checked at compile time) and the body it takes.
 */
export type CommandTable<Rpc extends string = string> = Record<
  string,
  { rpc: Rpc; summary: string; body: z.ZodType }
>;
