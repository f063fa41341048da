/**
 * `npm start`: talk to the skill in text, like `ask dialog`, with no AWS account and no device.
 *
 * Each typed line goes through a local NLU trained from interaction-models/<locale>.json, becomes an
 * Alexa-shaped request, and is answered by lambda/index.ts's own handler, with history kept in an
 * embedded DynamoDB (dynalite) under .data/ so the next run remembers this one.
 */
import * as readline from 'readline';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { DEFAULT_SKILL_ID, LOCAL_USER_ID, LocalSession, speechOf } from './envelope';
import { isCustomIntent, LOCALES, normaliseUtterance, trainNlu, type Locale, type LocalNlu, type Understanding } from './nlu';
import { createLocalRuntime, DEFAULT_DATA_DIR, silenceSdkNodeVersionWarning } from './runtime';

export const USER_PROMPT = 'User  > ';
export const ALEXA_PROMPT = 'Alexa > ';
export const SESSION_ENDED = '(session ended)';
export const INVOCATION_NAME = 'leg cramp helper';

export const HELP_TEXT = `Talk to Leg Cramp Helper in text, like \`ask dialog\`.

Usage: npm start -- [--user <id>] [--locale <locale>] [--data <dir>] [--debug] [--help]

  --user <id>      the listener's Alexa user id (default: one fixed local user)
  --locale <loc>   ${LOCALES.join(', ')} (default en-US)
  --data <dir>     where the local DynamoDB keeps history (default .data/)
  --debug          print each request and response envelope as JSON, and the skill's logs
  --help           show this text

Say "open ${INVOCATION_NAME}" to launch it, or "ask ${INVOCATION_NAME} <question>" for a one-shot.
When no session is open, a line that does not name the skill is taken as a one-shot question when the
NLU confidently matches one of the skill's own intents ("what causes leg cramps"); anything else
("hello", "yes", "stop") launches the skill instead.
Leave with "quit", "exit" or Ctrl-D. When standard input is not a terminal, one utterance is read per
line and echoed after "${USER_PROMPT.trim()}".`;

export interface DialogOptions {
  readonly userId: string;
  readonly locale: Locale;
  readonly dataDir: string;
  readonly debug: boolean;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): DialogOptions | 'help' {
  const options = { userId: LOCAL_USER_ID, locale: 'en-US' as Locale, dataDir: DEFAULT_DATA_DIR, debug: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--debug':
        options.debug = true;
        break;
      case '--user':
        options.userId = value();
        break;
      case '--data':
        options.dataDir = value();
        break;
      case '--locale': {
        const locale = value();
        if (!(LOCALES as readonly string[]).includes(locale)) throw new UsageError(`--locale must be one of ${LOCALES.join(', ')}; got ${locale}`);
        options.locale = locale as Locale;
        break;
      }
      default:
        throw new UsageError(`unknown argument ${arg} (see --help)`);
    }
  }
  return options;
}

/** What a line asks Alexa to do with the skill, when it names it. */
export type Invocation = { readonly kind: 'launch' } | { readonly kind: 'oneShot'; readonly utterance: string };

/**
 * "open leg cramp helper" → launch; "ask leg cramp helper what causes leg cramps" → one-shot.
 * Returns undefined when the line does not name the skill.
 */
export function parseInvocation(line: string, invocationName = INVOCATION_NAME): Invocation | undefined {
  const text = normaliseUtterance(line).replace(/^(?:alexa|hey alexa) /, '');
  const name = normaliseUtterance(invocationName);
  if (!text.includes(name)) return undefined;
  const launch = new RegExp(
    `^(?:(?:open|open up|launch|start|begin|load|run|use|play|talk to|speak to|ask|tell|go to) (?:the )?)?${name}(?: please| now)?$`,
  );
  if (launch.test(text)) return { kind: 'launch' };
  const ask = new RegExp(`^(?:ask|tell|use|have|open|launch|start) (?:the )?${name} (?:and )?(?:(to|for|if|whether|that|about) )?(.+)$`);
  const asked = ask.exec(text);
  if (asked) {
    const [, connector, rest] = asked;
    return { kind: 'oneShot', utterance: connector === 'about' ? `tell me about ${rest}` : rest! };
  }
  const using = new RegExp(`^(.+?) (?:using|with|from|on|in|by) (?:the )?${name}$`).exec(text);
  if (using) return { kind: 'oneShot', utterance: using[1]! };
  return undefined;
}

export function isQuit(line: string): boolean {
  return /^(?:quit|exit|\.exit|:q)$/.test(line.trim().toLowerCase());
}

/** Writes the transcript; everything the dialog prints goes through here. */
export interface Output {
  line(text: string): void;
  debug(label: string, value: unknown): void;
}

/** One conversation: turns lines into requests, responses into transcript lines. */
export class Dialog {
  private readonly session: LocalSession;

  constructor(
    private readonly nlu: LocalNlu,
    invoke: (envelope: RequestEnvelope) => Promise<ResponseEnvelope>,
    private readonly out: Output,
    identity: { skillId: string; userId: string; locale: string },
    private readonly debug = false,
  ) {
    this.session = new LocalSession(invoke, identity, (request, response) => {
      if (!debug) return;
      out.debug('request', request);
      if (response) out.debug('response', response);
    });
  }

  get sessionOpen(): boolean {
    return this.session.open;
  }

  /** Handles one typed line (not quit). */
  async say(line: string): Promise<void> {
    if (!normaliseUtterance(line)) return;
    const invocation = parseInvocation(line);
    let response: ResponseEnvelope;
    if (invocation?.kind === 'launch') {
      response = await this.session.launch();
    } else if (invocation?.kind === 'oneShot') {
      response = await this.session.oneShot((await this.understand(invocation.utterance)).intent);
    } else if (this.session.open) {
      response = await this.session.intent((await this.understand(line)).intent);
    } else {
      // No session and the skill is not named: a confident question about the skill's own topics is a
      // one-shot; anything else ("hello", "yes") opens the skill.
      const understood = await this.understand(line);
      const confident = isCustomIntent(understood.intent.name) && understood.confident;
      response = confident ? await this.session.oneShot(understood.intent) : await this.session.launch();
    }
    const speech = speechOf(response);
    if (speech) this.out.line(`${ALEXA_PROMPT}${speech}`);
    if (!this.session.open) this.out.line(SESSION_ENDED);
  }

  /** The listener leaves: an open session gets its SessionEndedRequest. */
  async leave(): Promise<void> {
    await this.session.end('USER_INITIATED');
  }

  private async understand(utterance: string): Promise<Understanding> {
    const understood = await this.nlu.understand(utterance);
    if (this.debug) {
      this.out.debug('nlu', { utterance, intent: understood.intent.name, score: Number(understood.score.toFixed(3)), lead: Number(understood.lead.toFixed(3)), nlpIntent: understood.nlpIntent });
    }
    return understood;
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  let options: DialogOptions | 'help';
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${HELP_TEXT}\n`);
    return 0;
  }
  silenceSdkNodeVersionWarning();

  const skillId = process.env.SKILL_ID?.trim() || DEFAULT_SKILL_ID;
  const [started, trained] = await Promise.allSettled([
    createLocalRuntime({ dataDir: options.dataDir, entry: 'lambda', ...(options.debug ? {} : { logLevel: 'ERROR' as const }) }),
    trainNlu(options.locale, { skillId }),
  ]);
  if (started.status === 'rejected' || trained.status === 'rejected') {
    if (started.status === 'fulfilled') await started.value.stop();
    const error: unknown = started.status === 'rejected' ? started.reason : (trained as PromiseRejectedResult).reason;
    process.stderr.write(`Could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const runtime = started.value;
  const nlu = trained.value;

  const tty = Boolean(process.stdin.isTTY);
  const out: Output = {
    line: (text) => process.stdout.write(`${text}\n`),
    debug: (label, value) => process.stdout.write(`[${label}] ${JSON.stringify(value, null, 2)}\n`),
  };
  if (tty) {
    out.line(`Leg Cramp Helper, locally (${options.locale}). Say "open ${INVOCATION_NAME}". "quit" or Ctrl-D leaves; --help for more.`);
  }
  const dialog = new Dialog(nlu, runtime.invoke, out, { skillId, userId: options.userId, locale: options.locale }, options.debug);

  const rl = readline.createInterface({ input: process.stdin, output: tty ? process.stdout : undefined, terminal: tty });
  rl.setPrompt(USER_PROMPT);
  if (tty) rl.prompt();
  try {
    for await (const line of rl) {
      if (!tty) out.line(`${USER_PROMPT}${line}`);
      if (isQuit(line)) break;
      try {
        await dialog.say(line);
      } catch (error) {
        process.stderr.write(`(error: ${error instanceof Error ? error.message : String(error)})\n`);
      }
      if (tty) rl.prompt();
    }
  } finally {
    rl.close();
    await dialog.leave().catch(() => undefined);
    await runtime.stop();
  }
  return 0;
}

if (require.main === module) {
  // `npm start | head`: a closed pipe ends the dialog quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      // Everything is closed by now; should a stray socket linger, do not hang the shell or a script.
      setTimeout(() => process.exit(code), 1000).unref();
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
