import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Runs a TypeScript entry point (e.g. infra/app.ts) as `node --import tsx` does; returns its exit status, stdout and stderr. */
export function runEntry(file: string, args: string[], env: NodeJS.ProcessEnv): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, file), ...args], { cwd: REPO_ROOT, env, stdio: 'pipe' });
    return { status: 0, stdout: stdout.toString(), stderr: '' };
  } catch (e) {
    const error = e as { status?: number; stdout?: Buffer; stderr?: Buffer };
    return { status: error.status ?? -1, stdout: error.stdout?.toString() ?? '', stderr: error.stderr?.toString() ?? '' };
  }
}
