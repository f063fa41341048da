import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The in-repo copy of the source article: the one file every content test checks against. */
export const ARTICLE_PATH = path.resolve(__dirname, '..', '..', 'lambda', 'content', 'source', 'leg-cramps-article.txt');

export function readArticle(): string {
  return readFileSync(ARTICLE_PATH, 'utf8');
}
