/**
 * Utterances and samples, written once: how a sample is stored in a model, how words heard or typed are
 * normalised, and how a sample with slot references matches an utterance. Used by the generator
 * (generate.ts), the local NLU (nlu/) and the skill package's example-phrase check (infra/package-skill.ts).
 */

/** A slot reference in a sample, `{cause}`; the capture is the slot name. */
export const SLOT_REFERENCE = /\{(\w+)\}/g;

/** Lower-cases and collapses whitespace: the form Amazon compares (and the models store) samples in. */
export function normaliseSample(text: string): string {
  return text.toLowerCase().trim().replace(/\s+/g, ' ');
}

/**
 * Words as heard: lower case, apostrophes straightened, other punctuation gone ("p. a. d." → "p a d",
 * "Alexa, ask" → "alexa ask"), spaces collapsed.
 */
export function normaliseUtterance(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The slot names a sample refers to, in order (`tell me about {cause}` → ["cause"]). */
export function slotReferences(sample: string): string[] {
  return [...sample.matchAll(SLOT_REFERENCE)].map((match) => match[1]!);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A sample as a pattern over normalised utterances: its words as heard, each slot reference replaced by
 * `slotPattern(slot)` (a regular-expression source), e.g. `tell me about {cause}` with `(.+?)` →
 * /^tell me about (.+?)$/.
 */
export function samplePattern(sample: string, slotPattern: (slot: string) => string): RegExp {
  const parts = sample
    .split(/(\{\w+\})/)
    .map((part) => {
      const slot = /^\{(\w+)\}$/.exec(part);
      return slot ? slotPattern(slot[1]!) : escapeRegExp(normaliseUtterance(part));
    })
    .filter(Boolean);
  return new RegExp(`^${parts.join(' ')}$`);
}
