/**
 * `npm start` driven through standard input in a child process, with history in a temp directory:
 * the transcript mirrors `ask dialog`, and a second run remembers the first.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DISCLAIMER, FALLBACK, MORE_QUESTION, ROUTINE_NEXT_QUESTION, ROUTINE_STOPPED, WELCOME, WELCOME_BACK } from '../../lambda/content/prompts';
import { ROUTINE_STEPS } from '../../lambda/content/routine';
import { TOPICS } from '../../lambda/content/topics';
import * as reminders from '../../lambda/content/reminders';
import { ALEXA_CONSENT_QUESTION, isNextPress, isQuit, parseArgs, parseInvocation, USAGE } from '../../simulation/dialog';
import { UsageError } from '../../command-line/flags';

const ROOT = path.join(__dirname, '..', '..');

interface Run {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
  readonly ms: number;
}

function runDialog(lines: readonly string[], args: readonly string[]): Promise<Run> {
  const started = Date.now();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['SKILL_ID', 'HISTORY_TABLE_NAME', 'DYNAMODB_ENDPOINT', 'POWERTOOLS_LOG_LEVEL', 'LOG_LEVEL', 'AWS_LAMBDA_LOG_LEVEL', 'NODE_OPTIONS']) {
    delete env[key];
  }
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'simulation/dialog.ts', ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(lines.map((line) => `${line}\n`).join(''));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, ms: Date.now() - started });
    });
  });
}

/** The transcript's `Alexa > ` lines, in order. */
function replies(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.startsWith('Alexa > ')).map((l) => l.slice('Alexa > '.length));
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The first timed silence of routine step `index`. */
function firstPause(index: number): number {
  const beat = ROUTINE_STEPS[index]!.guide.find((b) => 'pause' in b);
  if (!beat || !('pause' in beat)) throw new Error(`routine step ${index} has no pause`);
  return beat.pause;
}

describe('npm start (local dialog)', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leg-cramp-dialog-'));
  });

  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a line with no word the NLU knows (emoji, Chinese) with a fallback turn, and a blank line with nothing', async () => {
    const run = await runDialog(['open leg cramp helper', '🙂🙂', '腿抽筋怎么办', '   ', 'stop'], ['--data', fs.mkdtempSync(path.join(dataDir, 'unknown-words-'))]);
    expect(run.code).toBe(0);
    const said = replies(run.stdout);
    expect(said).toHaveLength(4);
    expect(said[1]).toContain(FALLBACK);
    expect(said[2]).toContain(FALLBACK);
  });

  it('--debug shows the metrics each turn emits: the EMF lines Lambda would write', async () => {
    const run = await runDialog(['ask leg cramp helper how do i stop a cramp now', 'next', 'stop'], ['--data', fs.mkdtempSync(path.join(dataDir, 'debug-')), '--debug']);
    expect(run.code).toBe(0);
    const emf = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{"_aws"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const turns = emf.filter((line) => 'Turns' in line);
    expect(turns).toHaveLength(3);
    expect(turns[0]).toMatchObject({ RoutineStarted: 1 });
    expect(turns[1]).toMatchObject({ RoutineStep2: 1 });
    expect(turns[2]).toMatchObject({ RoutineAbandoned: 1, RoutineStopped: 1 });
    expect(emf.find((line) => 'topic' in line)).toMatchObject({ topic: 'RELIEF_ROUTINE', TopicAsked: 1 });
  });

  it('talks like ask dialog, then remembers the listener in a second run', async () => {
    const script = ['open leg cramp helper', 'what causes leg cramps', 'tell me more', 'how do i stop a cramp now', 'next', 'repeat', 'stop'];
    const first = await runDialog(script, ['--data', dataDir]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);

    const lines = first.stdout.trimEnd().split('\n');
    // Every utterance is echoed after the prompt, in order, and each is answered.
    expect(lines.filter((l) => l.startsWith('User  > '))).toEqual(script.map((s) => `User  > ${s}`));
    const said = replies(first.stdout);
    expect(said).toHaveLength(script.length);
    // Nothing but the transcript: no SDK warnings, no JSON log lines.
    expect(lines.every((l) => /^(User {2}> |Alexa > |\(session ended\)$)/.test(l))).toBe(true);

    const [launch, causes, more, routine, next, repeat, stop] = said as [string, string, string, string, string, string, string];
    expect(launch).toContain(WELCOME);
    expect(launch).not.toContain(squash(DISCLAIMER.text));
    expect(causes).toContain(squash(TOPICS.CAUSES.summary.text));
    expect(causes).toContain(squash(DISCLAIMER.text));
    expect(causes).toContain(MORE_QUESTION);
    expect(more).toContain(squash(TOPICS.CAUSES.deeper[0]!.text));
    expect(routine).toContain(squash(ROUTINE_STEPS[0]!.instruction.text));
    expect(routine).toMatch(new RegExp(`\\[pause ${firstPause(0)}s\\]`));
    expect(routine).toContain(ROUTINE_NEXT_QUESTION);
    expect(next).toContain(squash(ROUTINE_STEPS[1]!.instruction.text));
    expect(next).toContain(`[pause ${firstPause(1)}s]`);
    expect(repeat).toBe(next);
    expect(stop).toContain(ROUTINE_STOPPED);
    // SSML is gone.
    expect(said.join(' ')).not.toMatch(/<|&apos;|&amp;/);
    // The session ends once, after stop, and nowhere before.
    expect(lines.filter((l) => l === '(session ended)')).toHaveLength(1);
    expect(lines[lines.length - 1]).toBe('(session ended)');

    const second = await runDialog(['open leg cramp helper', 'quit'], ['--data', dataDir]);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(replies(second.stdout)[0]).toContain(WELCOME_BACK);
    expect(second.stdout).toContain('User  > quit');
  });

  it('takes one-shots, and a plain question with no session open as a one-shot', async () => {
    const run = await runDialog(
      ['ask leg cramp helper about high heels', 'stop', 'what causes leg cramps', 'exit'],
      ['--data', dataDir, '--user', 'amzn1.ask.account.ANOTHERLOCALUSER'],
    );
    expect(run.stderr).toBe('');
    const said = replies(run.stdout);
    expect(said[0]).toContain(squash(TOPICS.FOOTWEAR.summary.text));
    expect(said[2]).toContain(squash(TOPICS.CAUSES.summary.text));
    expect(run.stdout).toContain('(session ended)');
  });

  it('sets, checks and cancels a stretch reminder against the local Alexa API, asking Alexa\'s consent first', async () => {
    const run = await runDialog(
      [
        'open leg cramp helper',
        'remind me to stretch before bed at ten pm',
        'yes',
        'do i have a reminder',
        'remind me to stretch',
        'half past nine at night',
        'cancel my stretch reminder',
        'do i have a reminder',
        'stop',
      ],
      ['--data', dataDir, '--user', 'amzn1.ask.account.REMINDERLOCALUSER', '--time-zone', 'Europe/London'],
    );
    expect(run.stderr).toBe('');
    const said = replies(run.stdout);
    expect(said[1]).toBe(reminders.REMINDER_PERMISSION_LEAD);
    expect(said[2]).toBe(ALEXA_CONSENT_QUESTION);
    expect(said[3]).toContain(reminders.reminderSet('ten p.m.'));
    expect(said[4]).toContain(reminders.reminderStatus('ten p.m.'));
    expect(said[5]).toContain(reminders.REMINDER_WHEN_QUESTION);
    expect(said[6]).toContain(reminders.reminderMoved('nine thirty p.m.'));
    expect(said[7]).toContain(reminders.REMINDER_CANCELLED);
    expect(said[8]).toContain(reminders.REMINDER_NONE);
  });

  it('with --screen, says what the night screen shows and lets the listener press its Next button', async () => {
    const run = await runDialog(
      ['ask leg cramp helper how do i stop a cramp now', 'press next', 'stop'],
      ['--data', dataDir, '--user', 'amzn1.ask.account.SCREENLOCALUSER', '--screen'],
    );
    expect(run.stderr).toBe('');
    const shown = run.stdout.split('\n').filter((l) => l.startsWith('Screen> '));
    expect(shown.slice(0, 2)).toEqual([
      `Screen> Step 1 of ${ROUTINE_STEPS.length} · countdown 10 s, 10 s · [Next]`,
      `Screen> Step 2 of ${ROUTINE_STEPS.length} · countdown ${firstPause(1)} s · [Next]`,
    ]);
    expect(replies(run.stdout)[1]).toContain(squash(ROUTINE_STEPS[1]!.instruction.text));
    // A speaker (no --screen) never gets one.
    const speaker = await runDialog(['ask leg cramp helper how do i stop a cramp now', 'stop'], ['--data', dataDir]);
    expect(speaker.stdout).not.toContain('Screen> ');
  });

  it('prints help and rejects bad flags', async () => {
    const help = await runDialog([], ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--locale');
    expect(help.stdout).toContain('--grant-reminders');
    expect(help.stdout).toContain('--time-zone');
    const bad = await runDialog([], ['--locale', 'fr-FR']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('en-US');
  });
});

describe('dialog line parsing', () => {
  it('recognises launches and one-shots by invocation name', () => {
    expect(parseInvocation('open leg cramp helper')).toEqual({ kind: 'launch' });
    expect(parseInvocation('Alexa, launch Leg Cramp Helper')).toEqual({ kind: 'launch' });
    expect(parseInvocation('ask leg cramp helper what causes leg cramps')).toEqual({ kind: 'oneShot', utterance: 'what causes leg cramps' });
    expect(parseInvocation('ask leg cramp helper to start the relief routine')).toEqual({ kind: 'oneShot', utterance: 'start the relief routine' });
    expect(parseInvocation('ask leg cramp helper about dehydration')).toEqual({ kind: 'oneShot', utterance: 'tell me about dehydration' });
    expect(parseInvocation('how do i prevent cramps with leg cramp helper')).toEqual({ kind: 'oneShot', utterance: 'how do i prevent cramps' });
    expect(parseInvocation('what causes leg cramps')).toBeUndefined();
  });

  it('knows quit words and flags', () => {
    expect(['quit', 'exit', ' Exit '].every(isQuit)).toBe(true);
    expect(isQuit('stop')).toBe(false);
    expect(parseArgs(['--user', 'u1', '--locale', 'en-GB', '--data', '/tmp/x', '--debug'])).toEqual({
      userId: 'u1',
      locale: 'en-GB',
      dataDir: '/tmp/x',
      debug: true,
      grantReminders: false,
      timeZone: expect.any(String),
      screen: false,
    });
    expect(parseArgs(['--grant-reminders', '--time-zone', 'Asia/Kolkata'])).toMatchObject({ grantReminders: true, timeZone: 'Asia/Kolkata' });
    expect(() => parseArgs(['--time-zone', 'Moon/Base'])).toThrow(UsageError);
    expect(parseArgs(['--screen'])).toEqual(expect.objectContaining({ screen: true }));
    expect(['press next', 'tap the next button', 'Touch Next'].every(isNextPress)).toBe(true);
    expect(isNextPress('next')).toBe(false);
    expect(() => parseArgs(['--nope'])).toThrow(UsageError);
  });
});

describe('npm start flags (node:util parseArgs)', () => {
  it('reads --x y and --x=y alike', () => {
    expect(parseArgs(['--user=u1', '--locale=en-GB', '--data=/tmp/x', '--time-zone=Asia/Kolkata'])).toEqual(
      parseArgs(['--user', 'u1', '--locale', 'en-GB', '--data', '/tmp/x', '--time-zone', 'Asia/Kolkata']),
    );
    expect(parseArgs(['-h'])).toBe('help');
  });

  it.each([[['--nope']], [['stray']], [['--user']], [['--user=']], [['--debug=yes']], [['--locale', 'xx-XX']]])('refuses %j with the usage line', (argv) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(USAGE);
  });
});
