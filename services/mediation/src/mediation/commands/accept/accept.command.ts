import type { mediationV1 } from '@mediation/contracts';
import { accept } from '../../domain';
import { defineCommand } from '../command-spec';

/** 受理. */
export const acceptCommand = defineCommand<mediationV1.AcceptRequest>({
  name: 'Accept',
  decide: (state, _req, ctx) => accept(state, ctx),
});
