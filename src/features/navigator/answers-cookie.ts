// The signed cookie that keeps a questionnaire's answers in the browser, one per moment of life, on the
// navigator's paths only. In its own module so that the pages the resident's file adds under /moments-de-vie
// (confirm the changes in the file, "faire suivre à France Services") read the very same cookie.
import type { Config } from '../../config.ts';
import { signedJsonCookie, type SignedJsonCookie } from '../../platform/http/signed-cookie.ts';
import type { LifeEventId } from './life-events.ts';
import { sanitizeAnswers, type Answers } from './questions.ts';

/** The answers cookie of one moment of life. */
export function answersCookie(config: Config, eventId: LifeEventId): SignedJsonCookie<Answers> {
  return signedJsonCookie(
    config,
    `sc_nav_${eventId.replace(/-/g, '_')}`,
    { path: '/moments-de-vie' },
    sanitizeAnswers,
  );
}
