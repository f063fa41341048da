/**
 * A second opinion for the local NLU: how close an utterance comes to each intent's nearest sample, by
 * cosine similarity of IDF-weighted word stems. nlp.js's classifier generalises from single words and is
 * often sure of itself on one distinctive word ("keep your voice down" → "keep going"); the nearest
 * sample looks at the whole phrasing, rare words weighing most. nlu/scoring.ts blends the two.
 */
import type { TrainingDocument } from './training-documents';

export type Tokenise = (text: string) => readonly string[];

interface Vector {
  readonly weights: ReadonlyMap<string, number>;
  readonly norm: number;
}

export class NearestSamples {
  private readonly samples: { intent: string; vector: Vector }[];
  private readonly idf: (token: string) => number;

  constructor(
    docs: readonly TrainingDocument[],
    private readonly tokenise: Tokenise,
  ) {
    const tokenSets = docs.map((d) => new Set(tokenise(d.utterance)));
    const documentFrequency = new Map<string, number>();
    for (const tokens of tokenSets) for (const t of tokens) documentFrequency.set(t, (documentFrequency.get(t) ?? 0) + 1);
    // A word no sample has weighs most: it pulls the utterance away from every sample alike.
    this.idf = (t) => Math.log((docs.length + 1) / ((documentFrequency.get(t) ?? 0) + 0.5));
    this.samples = docs.map((d, i) => ({ intent: d.intent, vector: this.vector(tokenSets[i]!) }));
  }

  /** Per intent, the cosine similarity (0..1) of the utterance to that intent's closest sample. */
  similarities(text: string): Map<string, number> {
    const query = this.vector(new Set(this.tokenise(text)));
    const best = new Map<string, number>();
    if (query.norm === 0) return best;
    for (const { intent, vector } of this.samples) {
      let dot = 0;
      for (const [token, weight] of query.weights) dot += weight * (vector.weights.get(token) ?? 0);
      const similarity = vector.norm === 0 ? 0 : dot / (query.norm * vector.norm);
      if (similarity > (best.get(intent) ?? 0)) best.set(intent, similarity);
    }
    return best;
  }

  private vector(tokens: ReadonlySet<string>): Vector {
    const weights = new Map([...tokens].map((t) => [t, this.idf(t)] as const));
    return { weights, norm: Math.sqrt([...weights.values()].reduce((sum, w) => sum + w * w, 0)) };
  }
}
