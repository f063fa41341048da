/**
 * SSML helpers. Content is plain text; only this module turns it into markup, so escaping happens in
 * one place and nothing a listener says can inject tags.
 */

/** A piece of a reply: words, or a timed silence in seconds. */
export type Segment = string | { readonly pause: number };

/** Alexa's longest single break. */
export const MAX_BREAK_SECONDS = 10;

export function escapeSsml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** How long a pause of `seconds` really lasts: one break is 0 to MAX_BREAK_SECONDS. */
export function breakSeconds(seconds: number): number {
  return Math.min(MAX_BREAK_SECONDS, Math.max(0, seconds));
}

function breakTag(seconds: number): string {
  const clamped = breakSeconds(seconds);
  return clamped > 0 ? `<break time="${clamped}s"/>` : '';
}

export interface VoiceOptions {
  /** The listener asked for a quieter voice: whisper instead of speaking softly, at any hour. */
  readonly softer: boolean;
  /**
   * Night where the listener is (or not known): soft and slow. False: Alexa's normal voice, by day.
   * Absent means night, the safe choice for someone woken by a cramp.
   */
  readonly night?: boolean;
}

/**
 * A whole `<speak>` document in the voice of the hour: at night slower and soft, by day Alexa's normal
 * voice, and whispered whenever asked. Pauses stay outside the prosody so Alexa times them exactly.
 */
export function toSsml(segments: readonly Segment[], voice: VoiceOptions): string {
  const body = segments
    .map((segment) => (typeof segment === 'string' ? night(escapeSsml(segment), voice) : breakTag(segment.pause)))
    .filter((part) => part.length > 0)
    .join(' ');
  return `<speak>${body}</speak>`;
}

function night(escapedText: string, voice: VoiceOptions): string {
  if (!escapedText.trim()) return '';
  if (voice.softer) return `<amazon:effect name="whispered"><prosody rate="90%">${escapedText}</prosody></amazon:effect>`;
  return voice.night === false ? escapedText : `<prosody rate="90%" volume="soft">${escapedText}</prosody>`;
}

/** The same reply as card text: the words only, pauses dropped. */
export function toPlainText(segments: readonly Segment[]): string {
  return segments
    .filter((segment): segment is string => typeof segment === 'string')
    .map((text) => text.trim())
    .filter((text) => text.length > 0)
    .join(' ');
}
