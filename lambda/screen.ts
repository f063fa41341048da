/**
 * The night screen for devices with a display (Echo Show, Echo Spot): one APL document kept as JSON
 * (content/apl/night-screen.json), filled from the same Reply the voice speaks. Devices without APL get
 * nothing from here, so the voice-only response is unchanged.
 *
 * During a hold (a routine step's timed pauses) a countdown runs on the screen. Its durations are the
 * reply's own pauses, exactly as the SSML breaks play them; only when each hold starts is estimated, from
 * the number of words Alexa speaks before it.
 */
import type { Directive, interfaces, RequestEnvelope } from 'ask-sdk-model';
import NIGHT_SCREEN_DOCUMENT from './content/apl/night-screen.json';
import { routineStepLabel } from './content/prompts';
import { ROUTINE_STEPS } from './content/routine';
import * as labels from './content/screen';
import { breakSeconds, type Segment } from './content/ssml';
import { topic } from './content/topics';
import type { Reply } from './replies';

export const APL_INTERFACE = 'Alexa.Presentation.APL';
/** The request a touch on the screen sends (the Next button's SendEvent). */
export const APL_USER_EVENT = 'Alexa.Presentation.APL.UserEvent';

/** The document's datasource key and the component the countdown commands change. */
const DATASOURCE = 'nightScreen';
const COUNTDOWN_ID = 'countdown';
/** A named sequencer, so touching or scrolling the screen (which runs on MAIN) never stops a countdown. */
const COUNTDOWN_SEQUENCER = 'holdCountdown';

/** The argument the Next button sends with its UserEvent (lambda/handlers/screen-handlers.ts). */
export const NEXT_BUTTON_EVENT = 'next';

/**
 * Alexa's night voice (prosody rate 90%) speaks about 2.3 words a second, sentence gaps included. Used only
 * to place each countdown after the words spoken before its hold.
 */
export const SPOKEN_WORDS_PER_SECOND = 2.3;

/** What the screen shows besides the words: which heading, and whether the routine's Next button is there. */
export interface ScreenView {
  readonly about?: Reply['about'];
  /** The routine is under way after this reply: show the Next button. */
  readonly next?: boolean;
}

/** The datasource the document binds (payload.nightScreen). */
export interface NightScreenData {
  readonly heading: string;
  readonly words: string;
  readonly question: string;
  readonly next: boolean;
  readonly nextLabel: string;
  readonly countdownLabel: string;
}

/** A timed silence in the reply: it starts `afterMs` after the previous hold ended (or the reply began). */
export interface Hold {
  readonly afterMs: number;
  readonly ms: number;
}

export function supportsApl(envelope: RequestEnvelope): boolean {
  const interfaces = envelope?.context?.System?.device?.supportedInterfaces as Record<string, unknown> | undefined;
  return !!interfaces && typeof interfaces === 'object' && !!interfaces[APL_INTERFACE];
}

/** One token per screen: the routine step, the topic, or the plain night screen. */
export function screenToken(about: Reply['about']): string {
  if (about && 'step' in about) return `routine-step-${about.step + 1}`;
  if (about) return `topic-${about.topic.toLowerCase().replace(/_/g, '-')}`;
  return 'night';
}

export function screenData(speech: readonly Segment[], ask: Reply['ask'], view: ScreenView): NightScreenData {
  const about = view.about;
  const stepLabel = about && 'step' in about ? routineStepLabel(about.step, ROUTINE_STEPS.length) : undefined;
  const words = speech
    .filter((segment): segment is string => typeof segment === 'string')
    // The heading already says which step this is.
    .map((text) => (stepLabel && text.startsWith(stepLabel) ? text.slice(stepLabel.length) : text).trim())
    .filter((text) => text.length > 0)
    .join(' ');
  return {
    heading: heading(about),
    words,
    question: ask?.question ?? '',
    next: !!view.next,
    nextLabel: labels.NEXT_BUTTON_LABEL,
    countdownLabel: labels.COUNTDOWN_LABEL,
  };
}

function heading(about: Reply['about']): string {
  if (about && 'step' in about) return labels.stepHeading(about.step, ROUTINE_STEPS.length);
  if (about) return labels.topicHeading(topic(about.topic).title);
  return labels.DEFAULT_HEADING;
}

/** The reply's silences as the SSML plays them: back-to-back breaks are one hold. */
export function holdsOf(speech: readonly Segment[]): Hold[] {
  const holds: Hold[] = [];
  let words = 0;
  let silence = 0;
  const close = () => {
    if (silence === 0) return;
    holds.push({ afterMs: Math.round((words / SPOKEN_WORDS_PER_SECOND) * 1000), ms: silence });
    words = 0;
    silence = 0;
  };
  for (const segment of speech) {
    if (typeof segment === 'string') {
      close();
      words += segment.split(/\s+/).filter(Boolean).length;
    } else {
      silence += Math.round(breakSeconds(segment.pause) * 1000);
    }
  }
  close();
  return holds;
}

/**
 * Each hold as commands: after the words before it, show the seconds left, tick each second, hide at the
 * end. The screen stays on (screenLock) while they run.
 */
type AplCommand = interfaces.alexa.presentation.apl.Command;

export function countdownCommands(holds: readonly Hold[]): AplCommand[] {
  const set = (property: string, value: string, delay: number): AplCommand => ({
    type: 'SetValue',
    componentId: COUNTDOWN_ID,
    property,
    value,
    ...(delay > 0 ? { delay } : {}),
  });
  const commands = holds.flatMap(({ afterMs, ms }): AplCommand[] => {
    const seconds = Math.ceil(ms / 1000);
    const ticks = [set('text', String(seconds), afterMs), set('display', 'normal', 0)];
    // "k" shows while k seconds (or fewer, for the first) are left.
    let shownAt = 0;
    for (let k = seconds - 1; k >= 1; k--) {
      const at = ms - k * 1000;
      ticks.push(set('text', String(k), at - shownAt));
      shownAt = at;
    }
    ticks.push(set('display', 'none', ms - shownAt));
    return ticks;
  });
  return commands.length ? [{ type: 'Sequential', sequencer: COUNTDOWN_SEQUENCER, screenLock: true, commands }] : [];
}

/**
 * The night screen for this reply: one RenderDocument, plus an ExecuteCommands for the countdown when the
 * reply holds a silence. Empty when the device has no APL screen.
 */
export function nightScreenDirectives(envelope: RequestEnvelope, speech: readonly Segment[], ask: Reply['ask'], view: ScreenView): Directive[] {
  if (!supportsApl(envelope)) return [];
  const token = screenToken(view.about);
  const directives: Directive[] = [
    {
      type: 'Alexa.Presentation.APL.RenderDocument',
      token,
      document: NIGHT_SCREEN_DOCUMENT,
      datasources: { [DATASOURCE]: screenData(speech, ask, view) },
    },
  ];
  const commands = countdownCommands(holdsOf(speech));
  if (commands.length) directives.push({ type: 'Alexa.Presentation.APL.ExecuteCommands', token, commands });
  return directives;
}
