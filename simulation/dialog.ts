/**
 * `npm start`: talk to the skill in text, like `ask dialog`, with no AWS account and no device.
 *
 * Each typed line goes through a local NLU trained from interaction-models/<locale>.json, becomes an
 * Alexa-shaped request, and is answered by lambda/index.ts's own handler, with history kept in an
 * embedded DynamoDB (dynalite) under .data/ so the next run remembers this one.
 */
import * as readline from 'readline';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { BUILT_IN_INTENTS } from '../lambda/intents';
import { isTimeZone } from '../lambda/state/history';
import { parseFlags, refuseUsage, UsageError, type Flags } from '../command-line/flags';
import { AlexaApiStandIn } from './alexa-api-stand-in';
import { applyDeviceTimeZone } from './device-time-zone';
import { AlexaSession, DEFAULT_SKILL_ID, LOCAL_USER_ID, permissionRequestOf, speechOf, type Listener, type LocalAlexaApi, type PermissionAnswer } from './envelope';
import { LOCALES, type Locale } from '../interaction-models/source';
import { normaliseUtterance } from '../interaction-models/utterance';
import { isCustomIntent } from '../nlu/intent-kinds';
import { trainNlu, type LocalNlu } from '../nlu/nlu';
import type { Understanding } from '../nlu/understanding';
import { createLocalRuntime, DEFAULT_DATA_DIR, silenceSdkNodeVersionWarning } from '../skill-host/runtime';

export const USER_PROMPT = 'User  > ';
export const ALEXA_PROMPT = 'Alexa > ';
export const SESSION_ENDED = '(session ended)';
export const SCREEN_PROMPT = 'Screen> ';
export const INVOCATION_NAME = 'leg cramp helper';

export const USAGE =
  'Usage: npm start -- [--user <id>] [--locale <locale>] [--data <dir>] [--grant-reminders] [--time-zone <zone>] [--screen] [--debug] [--help]';

export const HELP_TEXT = `Talk to Leg Cramp Helper in text, like \`ask dialog\`.

${USAGE}

  --user <id>         the listener's Alexa user id (default: one fixed local user)
  --locale <loc>      ${LOCALES.join(', ')} (default en-US)
  --data <dir>        where the local DynamoDB keeps history (default .data/)
  --grant-reminders   start with the reminders permission granted (default: not yet; when the skill
                      asks for it, Alexa's consent question is shown and your next line answers it)
  --time-zone <zone>  the device's time zone, e.g. America/Chicago (default: this machine's); the
                      voice is soft and slow from 21:00 until 07:00 there, the normal voice by day
  --screen            be an Echo Show: after each reply, a "${SCREEN_PROMPT.trim()}" line says what the night
                      screen shows (heading, countdowns, Next button); "press next" touches the button
  --debug             print each request and response envelope as JSON, the skill's logs, and the
                      metrics each turn emits (CloudWatch EMF lines, as Lambda writes them)
  --help              show this text

Say "open ${INVOCATION_NAME}" to launch it, or "ask ${INVOCATION_NAME} <question>" for a one-shot.
When no session is open, a line that does not name the skill is taken as a one-shot question when the
NLU confidently matches one of the skill's own intents ("what causes leg cramps"); anything else
("hello", "yes", "stop") launches the skill instead.
Reminders ("remind me to stretch at ten pm", "do I have a reminder", "cancel my stretch reminder") and
the device's time zone are served by a local stand-in for Alexa's API on 127.0.0.1; nothing leaves this machine.
Leave with "quit", "exit" or Ctrl-D. When standard input is not a terminal, one utterance is read per
line and echoed after "${USER_PROMPT.trim()}".`;

export interface DialogOptions {
  readonly userId: string;
  readonly locale: Locale;
  readonly dataDir: string;
  readonly debug: boolean;
  readonly grantReminders: boolean;
  /** The device's IANA time zone for the local Settings API. */
  readonly timeZone: string;
  readonly screen: boolean;
}

const FLAGS = {
  user: { type: 'string' },
  locale: { type: 'string' },
  data: { type: 'string' },
  'grant-reminders': { type: 'boolean' },
  'time-zone': { type: 'string' },
  screen: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Flags;

/** `--x y` and `--x=y` alike; an unknown flag, a missing value or a stray word is a UsageError. */
export function parseArgs(argv: readonly string[]): DialogOptions | 'help' {
  const values = parseFlags(argv, FLAGS, USAGE);
  if (values.help) return 'help';
  const { locale = 'en-US', 'time-zone': timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' } = values;
  if (!isLocale(locale)) throw new UsageError(`--locale must be one of ${LOCALES.join(', ')}; got ${locale}`, USAGE);
  if (!isTimeZone(timeZone)) throw new UsageError(`--time-zone must be an IANA time zone such as America/Chicago; got ${timeZone}`, USAGE);
  return {
    userId: values.user ?? LOCAL_USER_ID,
    locale,
    dataDir: values.data ?? DEFAULT_DATA_DIR,
    debug: values.debug ?? false,
    grantReminders: values['grant-reminders'] ?? false,
    timeZone,
    screen: values.screen ?? false,
  };
}

function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
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

/** "press next", "tap the next button": a touch on the night screen's Next button (with --screen). */
export function isNextPress(line: string): boolean {
  return /^(?:press|tap|touch|click) (?:the )?next(?: button)?$/.test(normaliseUtterance(line));
}

interface ShownScreen {
  readonly datasources?: { nightScreen?: { heading?: string; next?: boolean } };
  readonly commands?: readonly { commands?: readonly { property?: string; value?: string }[] }[];
}

/**
 * What the night screen shows for a response, in one line: "Step 1 of 5 · countdown 10 s, 10 s · [Next]".
 * Undefined when the response sends no screen (a speaker). The words are the ones Alexa says.
 */
export function describeScreen(response: ResponseEnvelope): string | undefined {
  const directives = (response.response.directives ?? []) as unknown as (ShownScreen & { type: string })[];
  const render = directives.find((d) => d.type === 'Alexa.Presentation.APL.RenderDocument');
  if (!render) return undefined;
  const screen = render.datasources?.nightScreen;
  // Each countdown starts with the number of seconds it holds, just before it is shown.
  const sets = directives.filter((d) => d.type === 'Alexa.Presentation.APL.ExecuteCommands').flatMap((d) => d.commands ?? []).flatMap((c) => c.commands ?? []);
  const holds = sets.flatMap((set, i) => (set.value === 'normal' && sets[i - 1]?.property === 'text' ? [`${sets[i - 1]!.value} s`] : []));
  return [screen?.heading ?? '', ...(holds.length ? [`countdown ${holds.join(', ')}`] : []), ...(screen?.next ? ['[Next]'] : [])].join(' · ');
}

export function isQuit(line: string): boolean {
  return /^(?:quit|exit|\.exit|:q)$/.test(line.trim().toLowerCase());
}

/** Writes the transcript; everything the dialog prints goes through here. */
export interface Output {
  line(text: string): void;
  debug(label: string, value: unknown): void;
}

/** What Alexa itself says when a skill asks for the reminders permission by voice (the skill cannot change it). */
export const ALEXA_CONSENT_QUESTION = 'Do you give Leg Cramp Helper permission to create and edit your reminders? (answer yes or no)';

/** The local Alexa's side of the reminders permission: whether the listener has granted it. */
export interface LocalConsent {
  grant(): void;
}

/** One conversation: turns lines into requests, responses into transcript lines. */
export class Dialog {
  private readonly session: AlexaSession;
  /** Set while Alexa's own consent question waits for the listener's answer: the AskFor directive's token. */
  private consentAsked: { token: string } | undefined;
  private readonly screen: boolean;

  constructor(
    private readonly nlu: LocalNlu,
    invoke: (envelope: RequestEnvelope) => Promise<ResponseEnvelope>,
    private readonly out: Output,
    identity: Listener,
    private readonly debug = false,
    private readonly consent?: LocalConsent,
  ) {
    this.screen = !!identity.screen;
    this.session = new AlexaSession(invoke, identity, (request, response) => {
      if (!debug) return;
      out.debug('request', request);
      if (response) out.debug('response', response);
    });
  }

  get sessionOpen(): boolean {
    return this.session.sessionOpen;
  }

  /** Handles one typed line (not quit). */
  async say(line: string): Promise<void> {
    // A blank line says nothing. A line with no word the NLU knows (emoji, another script) still reaches the
    // skill, as AMAZON.FallbackIntent in a session, as it would on a device.
    if (!line.trim()) return;
    const invocation = parseInvocation(line);
    let response: ResponseEnvelope;
    if (this.consentAsked) {
      response = await this.answerConsent(line, this.consentAsked.token);
    } else if (this.screen && isNextPress(line)) {
      response = await this.session.press(['next']);
    } else if (invocation?.kind === 'launch') {
      response = await this.session.launch();
    } else if (invocation?.kind === 'oneShot') {
      response = await this.session.oneShot((await this.understand(invocation.utterance)).intent);
    } else if (this.session.sessionOpen) {
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
    const screen = describeScreen(response);
    if (screen) this.out.line(`${SCREEN_PROMPT}${screen}`);
    // The skill asked Alexa to ask for the reminders permission: Alexa's own question, answered next line.
    this.consentAsked = permissionRequestOf(response);
    if (this.consentAsked) this.out.line(`${ALEXA_PROMPT}${ALEXA_CONSENT_QUESTION}`);
    if (!this.session.sessionOpen) this.out.line(SESSION_ENDED);
  }

  /** The listener's answer to Alexa's consent question, as Alexa reports it to the skill. */
  private async answerConsent(line: string, token: string): Promise<ResponseEnvelope> {
    const said = (await this.understand(line)).intent.name;
    const answer: PermissionAnswer = said === BUILT_IN_INTENTS.yes ? 'ACCEPTED' : said === BUILT_IN_INTENTS.no ? 'DENIED' : 'NOT_ANSWERED';
    if (answer === 'ACCEPTED') this.consent?.grant();
    return this.session.permissionAnswer(answer, token);
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
    refuseUsage(error);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${HELP_TEXT}\n`);
    return 0;
  }
  silenceSdkNodeVersionWarning();

  const skillId = process.env.SKILL_ID?.trim() || DEFAULT_SKILL_ID;
  const [started, trained, apiStarted] = await Promise.allSettled([
    createLocalRuntime({ dataDir: options.dataDir, entry: 'lambda', metrics: options.debug, ...(options.debug ? {} : { logLevel: 'ERROR' as const }) }),
    trainNlu(options.locale, { skillId }),
    AlexaApiStandIn.start({ timeZone: options.timeZone, remindersGranted: options.grantReminders }),
  ]);
  if (started.status === 'rejected' || trained.status === 'rejected' || apiStarted.status === 'rejected') {
    if (started.status === 'fulfilled') await started.value.stop();
    if (apiStarted.status === 'fulfilled') await apiStarted.value.close();
    const error: unknown = [started, trained, apiStarted].find((r): r is PromiseRejectedResult => r.status === 'rejected')!.reason;
    process.stderr.write(`Could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const runtime = started.value;
  const nlu = trained.value;
  const alexaApi = apiStarted.value;
  // The zone this run gives the device wins over one saved on an earlier run, as a device's setting would.
  await applyDeviceTimeZone(runtime, options.userId, options.timeZone);
  const api: LocalAlexaApi = {
    endpoint: alexaApi.endpoint,
    accessToken: alexaApi.accessToken,
    consentToken: () => (alexaApi.remindersGranted ? alexaApi.consentToken : undefined),
  };
  const consent: LocalConsent = { grant: () => (alexaApi.remindersGranted = true) };

  const tty = Boolean(process.stdin.isTTY);
  const out: Output = {
    line: (text) => process.stdout.write(`${text}\n`),
    debug: (label, value) => process.stdout.write(`[${label}] ${JSON.stringify(value, null, 2)}\n`),
  };
  if (tty) {
    out.line(`Leg Cramp Helper, locally (${options.locale}). Say "open ${INVOCATION_NAME}". "quit" or Ctrl-D leaves; --help for more.`);
  }
  const identity = { skillId, userId: options.userId, locale: options.locale, api, screen: options.screen };
  const dialog = new Dialog(nlu, runtime.invoke, out, identity, options.debug, consent);

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
    await alexaApi.close();
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
