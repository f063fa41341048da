import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Runs a TypeScript entry point (e.g. infra/app.ts) as `node --import tsx` does; returns its exit status and stderr. */
export function runEntry(file: string, args: string[], env: NodeJS.ProcessEnv): { status: number; stderr: string } {
  try {
    execFileSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, file), ...args], { cwd: REPO_ROOT, env, stdio: 'pipe' });
    return { status: 0, stderr: '' };
  } catch (e) {
    const error = e as { status?: number; stderr?: Buffer };
    return { status: error.status ?? -1, stderr: error.stderr?.toString() ?? '' };
  }
}
