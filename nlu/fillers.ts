/**
 * Words that carry no request of their own: "okay what's next", "um make it stop", "that's enough thanks".
 * Hesitations and politeness go wherever they are; the others only from the start or the end, so "i'm
 * okay now" keeps its "okay". Nothing is dropped when nothing else would be left: "okay" alone is a Yes.
 */
export const ANYWHERE_FILLERS: ReadonlySet<string> = new Set('um umm uh uhh er erm hmm mm mhm please thanks ta cheers kindly'.split(' '));
/** Said before a request ("yeah go on", "alright next stretch", "yep done that"), but a Yes on their own. */
export const OPENING_FILLERS: ReadonlySet<string> = new Set('yeah yep yup alright right'.split(' '));
export const EDGE_FILLERS: ReadonlySet<string> = new Set('okay ok righto alexa so oh hey well mate sorry'.split(' '));

/** The utterance (normalised) without its filler words ("thank you" included), or unchanged when nothing else is left. */
export function withoutFillers(text: string): string {
  const words = text
    .replace(/\bthank you\b/g, 'thanks')
    .split(' ')
    .filter((w) => w && !ANYWHERE_FILLERS.has(w));
  let start = 0;
  let end = words.length;
  while (start < end && (EDGE_FILLERS.has(words[start]!) || (OPENING_FILLERS.has(words[start]!) && start < end - 1))) start++;
  while (end > start && EDGE_FILLERS.has(words[end - 1]!)) end--;
  return start < end ? words.slice(start, end).join(' ') : text;
}
