/**
 * Warm-turn child: one side, one store, in its own process (so the two sides never share a heap or JIT).
 *   BENCH_SIDE      ours | baseline
 *   BENCH_STORE     memory (ours: buildSkill + MemoryHistoryStore; baseline: MemoryPersistenceAdapter)
 *                   | dynamo (the side's Lambda bundle, BENCH_BUNDLE, against the table in its env)
 *   BENCH_CONVERSATIONS, BENCH_WARMUP  timed and untimed repetitions of the scripted conversation
 *   BENCH_USER      the listener (a fresh one per run: the first conversation is a first-time user's)
 * Out: JSON in the file BENCH_RESULT_FILE: per-turn handler wall and CPU times of the timed conversations, the first
 * two conversations' responses (for the equivalence check), max RSS.
 */
import { writeFileSync, writeSync } from 'node:fs';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { createLog } from '../../lambda/log';
import { buildSkill } from '../../lambda/skill';
import { MemoryHistoryStore } from '../../lambda/state/memory-history-store';
import type { Invoke } from '../../simulation/envelope';
import { MemoryPersistenceAdapter } from '../baseline/memory-adapter';
import { buildBaselineSkill } from '../baseline/skill';
import { benchUserId, runScript, SKILL_ID } from '../conversation';

function invokerFor(side: string, store: string): Invoke {
  if (store === 'dynamo') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { handler } = require(process.env.BENCH_BUNDLE ?? '') as { handler: (e: RequestEnvelope, c: unknown) => Promise<ResponseEnvelope> };
    return (envelope) => handler(envelope, {});
  }
  const log = createLog();
  if (side === 'ours') {
    const skill = buildSkill({ store: new MemoryHistoryStore(), log, skillId: SKILL_ID });
    return (envelope) => skill.invoke(envelope, {});
  }
  const adapter = new MemoryPersistenceAdapter();
  const skill = buildBaselineSkill({ adapter, deleteKey: (key) => adapter.deleteKey(key), log, skillId: SKILL_ID });
  return (envelope) => skill.invoke(envelope, {});
}

async function main(): Promise<void> {
  const side = process.env.BENCH_SIDE ?? 'ours';
  const store = process.env.BENCH_STORE ?? 'memory';
  const conversations = Number(process.env.BENCH_CONVERSATIONS ?? '10');
  const warmup = Number(process.env.BENCH_WARMUP ?? '2');
  const userId = benchUserId(process.env.BENCH_USER ?? 'warm');
  const invoke = invokerFor(side, store);
  const turnMs: number[] = [];
  const turnCpuMs: number[] = [];
  const firstResponses: ResponseEnvelope[][] = [];
  for (let i = 0; i < warmup + conversations; i++) {
    const timed = i >= warmup;
    const responses = await runScript(invoke, userId, timed ? (ms, cpuMs) => (turnMs.push(ms), turnCpuMs.push(cpuMs)) : undefined);
    if (firstResponses.length < 2) firstResponses.push(responses);
  }
  const result = {
    side,
    store,
    turns: (warmup + conversations) * 10,
    timedTurns: turnMs.length,
    turnMs,
    turnCpuMs,
    firstResponses,
    maxRssKiB: process.resourceUsage().maxRSS,
  };
  // A file, not stdout: a large write to a non-blocking pipe can be cut short.
  writeFileSync(process.env.BENCH_RESULT_FILE ?? 'bench-result.json', JSON.stringify(result));
  process.exit(0);
}

main().catch((error: unknown) => {
  writeSync(2, `warm child failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
