/**
 * The few words only the night screen shows (lambda/screen.ts): headings and the button. Everything else
 * on the screen is the reply the voice speaks. The layout is apl/night-screen.json beside this file.
 */
import { SKILL_NAME } from './prompts';

/** Heading while a routine step is shown: "Step 2 of 5". */
export function stepHeading(index: number, total: number): string {
  return `Step ${index + 1} of ${total}`;
}

/** Heading for a topic, from its title ("the causes of leg cramps" → "The causes of leg cramps"). */
export function topicHeading(title: string): string {
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/** Heading for everything else (welcome, help, goodbye). */
export const DEFAULT_HEADING = SKILL_NAME;

/** The routine's touch button; pressing it is the same as saying "next". */
export const NEXT_BUTTON_LABEL = 'Next';

/** What a screen reader says for the countdown. */
export const COUNTDOWN_LABEL = 'Seconds left in this hold';
