/**
 * Runs one bench child (bench/children/, bundled) in a fresh `node` and collects what it measured.
 * The protocol: the child may write one line to stdout the moment it has an answer, which the parent times;
 * it writes its own measurements as JSON to the file named by BENCH_RESULT_FILE, because a large write to a
 * non-blocking pipe can be cut short.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';

export interface ParentObservation {
  /** From just before spawning until the child exited. */
  readonly parentWallMs: number;
  /** From just before spawning until the child's first stdout line other than a metric arrived; absent if it wrote none. */
  readonly answerMs?: number;
  /** That first line, parsed. */
  readonly answer?: unknown;
}

let childCounter = 0;

export function runChild<T>(script: string, env: Record<string, string>, timeoutMs = 120_000): Promise<T & ParentObservation> {
  return new Promise((resolve, reject) => {
    const resultFile = path.join(path.dirname(script), `result-${process.pid}-${++childCounter}.json`);
    const start = process.hrtime.bigint();
    // A clean environment: no NODE_OPTIONS (tsx/jest hooks), nothing but what the Lambda would see.
    const child = spawn(process.execPath, [script], {
      cwd: path.dirname(script),
      env: { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1', ...env, BENCH_RESULT_FILE: resultFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let answerMs: number | undefined;
    let answerLine: string | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (answerMs !== undefined) return;
      // The skill's metrics (EMF log lines, `{"_aws":...}`) are written during the invocation, as on Lambda:
      // they cost the cold start what they cost, but the answer is the first other line.
      answerLine = stdout.split('\n').slice(0, -1).find((line) => !line.startsWith('{"_aws"'));
      if (answerLine !== undefined) answerMs = Number(process.hrtime.bigint() - start) / 1e6;
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const parentWallMs = Number(process.hrtime.bigint() - start) / 1e6;
      let result: T;
      let answer: unknown;
      try {
        if (code !== 0) throw new Error(`exit code ${code}`);
        result = JSON.parse(readFileSync(resultFile, 'utf8')) as T;
        if (answerLine !== undefined) answer = JSON.parse(answerLine);
      } catch (error) {
        reject(new Error(`child ${path.basename(script)} failed (${String(error)}): ${stderr.slice(-2000)}${stdout.slice(-1000)}`));
        return;
      } finally {
        rmSync(resultFile, { force: true });
      }
      resolve({ ...result, parentWallMs, ...(answerMs !== undefined ? { answerMs, answer } : {}) });
    });
  });
}
