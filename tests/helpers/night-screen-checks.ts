import type { ResponseEnvelope } from 'ask-sdk-model';
import { StaticAplTemplateValidator } from 'apl-suggester';
import { CommandSchemaValidator } from 'apl-suggester/dist/src/CommandSchemaValidator';
import { AplCommandsExtractor } from 'apl-suggester/dist/src/util/commands/AplCommandsExtractor';
import type { NightScreenData } from '../../lambda/screen';

/** The night screen a response carries: its one RenderDocument and, during holds, its ExecuteCommands. */
export interface SentScreen {
  readonly token: string;
  readonly document: Record<string, unknown>;
  readonly data: NightScreenData;
  readonly commands?: readonly Command[];
}

export interface Command {
  readonly type: string;
  readonly delay?: number;
  readonly property?: string;
  readonly value?: string;
  readonly componentId?: string;
  readonly commands?: readonly Command[];
  readonly [key: string]: unknown;
}

interface Directive {
  readonly type: string;
  readonly token?: string;
  readonly document?: Record<string, unknown>;
  readonly datasources?: { nightScreen: NightScreenData };
  readonly commands?: readonly Command[];
}

/** The screen a response sends, undefined when it sends none; fails when it sends more than one document. */
export function screenOf(envelope: ResponseEnvelope): SentScreen | undefined {
  const directives = (envelope.response.directives ?? []) as unknown as Directive[];
  const renders = directives.filter((d) => d.type === 'Alexa.Presentation.APL.RenderDocument');
  const executes = directives.filter((d) => d.type === 'Alexa.Presentation.APL.ExecuteCommands');
  expect(renders.length).toBeLessThanOrEqual(1);
  expect(executes.length).toBeLessThanOrEqual(1);
  if (renders.length === 0) {
    expect(executes).toHaveLength(0);
    return undefined;
  }
  const [render] = renders;
  if (executes[0]) expect(executes[0].token).toBe(render.token);
  return {
    token: render.token!,
    document: render.document!,
    data: render.datasources!.nightScreen,
    ...(executes[0] ? { commands: executes[0].commands! } : {}),
  };
}

const validator = new StaticAplTemplateValidator();
const commandValidator = CommandSchemaValidator.getInstance();
const STANDARD_COMMANDS = new Set(CommandSchemaValidator.COMMAND_TYPE_TO_JSON_SCHEMA.keys());

/** apl-suggester prints progress notes ("No mixin for component") on the console: keep test output clean. */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const quiet = [jest.spyOn(console, 'log'), jest.spyOn(console, 'warn')].map((spy) => spy.mockImplementation(() => undefined));
  try {
    return await work();
  } finally {
    for (const spy of quiet) spy.mockRestore();
  }
}

/** The validator's own command checks (its schema per standard command), for commands sent by ExecuteCommands. */
function commandProblems(commands: readonly Command[]): string[] {
  return AplCommandsExtractor.getInstance()
    .extractCommands({ onMount: commands })
    .flatMap(({ jsonObject, jsonPath, commandType }) => {
      const where = `commands${jsonPath.replace(/^\/onMount/, '')}`;
      if (!commandType || !STANDARD_COMMANDS.has(commandType)) return [`${where}: ${commandType} is not an APL command`];
      return commandValidator.validateCommand(jsonObject, commandType).map((info: { path: string; errorMessage: string }) => `${where}${info.path}: ${info.errorMessage}`);
    });
}

/**
 * Everything Amazon's APL validator (apl-suggester) says about a screen: the document, its datasources,
 * and the countdown commands (each against the validator's schema for its type; a type APL does not
 * define is a problem too).
 */
export async function aplProblems(screen: SentScreen): Promise<string[]> {
  const describe = (where: string) => (info: { path: string; errorMessage: string }) => `${where}${info.path}: ${info.errorMessage}`;
  return quietly(async () => [
    ...(await validator.validate(screen.document)).map(describe('document')),
    ...(await validator.validateDataSources({ nightScreen: screen.data })).map(describe('datasources')),
    ...commandProblems(screen.commands ?? []),
  ]);
}

/** A countdown as the device runs it: when it shows (ms from the reply's start), for how long, which numbers. */
export interface ShownCountdown {
  readonly fromMs: number;
  readonly ms: number;
  readonly numbers: readonly string[];
}

/** Plays the countdown commands on a clock: delays add up in a Sequential, as on a device. */
export function playCountdown(commands: readonly Command[]): ShownCountdown[] {
  const shown: ShownCountdown[] = [];
  let clock = 0;
  let current: { fromMs: number; numbers: string[] } | undefined;
  let text = '';
  for (const command of commands.flatMap((c) => (c.type === 'Sequential' ? c.commands ?? [] : [c]))) {
    expect(command.type).toBe('SetValue');
    expect(command.componentId).toBe('countdown');
    clock += command.delay ?? 0;
    if (command.property === 'text') {
      text = command.value!;
      current?.numbers.push(text);
    } else if (command.value === 'normal') {
      current = { fromMs: clock, numbers: [text] };
    } else if (current) {
      shown.push({ fromMs: current.fromMs, ms: clock - current.fromMs, numbers: current.numbers });
      current = undefined;
    }
  }
  expect(current).toBeUndefined();
  return shown;
}

/** The silences of spoken text ("[pause 10s]" marks), back-to-back breaks as one, in milliseconds. */
export function silencesOf(spokenWithPauses: string): number[] {
  const runs = spokenWithPauses.match(/(?:\[pause [\d.]+s\]\s*)+/g) ?? [];
  return runs.map((run) => [...run.matchAll(/\[pause ([\d.]+)s\]/g)].reduce((ms, [, seconds]) => ms + Math.round(Number(seconds) * 1000), 0));
}
