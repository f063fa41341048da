/** Minimal typings for the parts of nlp.js (v4, plain JS) that nlu/ uses. */
declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): void;
    get(name: string): unknown;
  }
  export function containerBootstrap(settings?: Record<string, unknown>): Container;
}

declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
  /** English Porter-style stemmer (tests/content.test.ts compares passage and article words by stem). */
  export class StemmerEn {
    stem(word: string): string;
  }
  /** English stopwords ("the", "can", "your"...). */
  export class StopwordsEn {
    isStopword(word: string): boolean;
  }
}

declare module '@nlpjs/nlp' {
  import type { Container } from '@nlpjs/core';

  export interface NlpEntity {
    entity: string;
    option?: string;
    sourceText: string;
    utteranceText?: string;
    accuracy: number;
    start: number;
    end: number;
    len?: number;
  }

  export interface NlpResult {
    intent: string;
    score: number;
    entities: NlpEntity[];
    classifications?: { intent: string; score: number }[];
    optionalUtterance?: string;
  }

  export class Nlp {
    constructor(settings: Record<string, unknown>, container?: Container);
    addLanguage(locale: string): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    addNerRuleOptionTexts(locale: string, name: string, option: string, texts: string[]): void;
    train(): Promise<void>;
    process(locale: string, utterance: string): Promise<NlpResult>;
  }
}
