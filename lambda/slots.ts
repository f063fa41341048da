import type { Intent } from 'ask-sdk-model';
import { CAUSE_IDS, type CauseId } from './content/types';
import { CAUSE_SLOT } from './intents';
import type { CauseRequest } from './replies';

const CAUSES = new Set<string>(CAUSE_IDS);

/**
 * Reads the cause slot through Alexa's entity resolution: the value id of an ER_SUCCESS_MATCH, never
 * the raw words (which are neither trusted nor repeated back).
 */
export function resolveCause(intent: Intent | undefined): CauseRequest {
  const slot = intent?.slots?.[CAUSE_SLOT];
  if (!slot || typeof slot.value !== 'string' || !slot.value.trim()) return { status: 'empty' };
  const authorities = slot.resolutions?.resolutionsPerAuthority ?? [];
  for (const authority of Array.isArray(authorities) ? authorities : []) {
    if (authority?.status?.code !== 'ER_SUCCESS_MATCH') continue;
    for (const candidate of authority.values ?? []) {
      const id = candidate?.value?.id;
      if (typeof id === 'string' && CAUSES.has(id)) return { status: 'match', cause: id as CauseId };
    }
  }
  return { status: 'noMatch' };
}
