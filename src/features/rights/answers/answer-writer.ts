// Writes estimation answers as UTF-8 JSON bytes, exactly the bytes of JSON.stringify, for the batch
// (cli/simulate-worker.ts) and for the API (routes.ts writes each answer through it). An answer
// is 16 KB, two thirds of which never change from one household to the next (each benefit's label, sources
// and summary): those parts are encoded once and copied; only the figures and the household's own
// explanation lines are encoded per answer. answer-writer.test.ts proves the bytes equal JSON.stringify's.
import type { BenefitResult, EstimationResponse } from '../contract.ts';

interface ConstantParts {
  /** The prepared benefit's sources array: another estimator (tests) has its own. */
  of: BenefitResult['sources'];
  summary: string;
  /** `{"id":…,"label":…,"organisation":…,"eligible":` */
  head: Buffer;
  /** `,"frequency":…,"explanation":"` followed by the escaped summary. */
  frequency: Buffer;
  /** `","sources":[…],"missing":` — closes the explanation. */
  sources: Buffer;
}

/** The inside of a JSON string (without its quotes). */
function escaped(text: string): string {
  const json = JSON.stringify(text);
  return json.slice(1, json.length - 1);
}

// By benefit id, then by summary line (a benefit has one or two: its summary, or a "does not concern you").
const constants = new Map<string, Map<string, ConstantParts>>();
const MAX_SUMMARIES = 16;

function constantsOf(b: BenefitResult, summary: string): ConstantParts {
  let bySummary = constants.get(b.id);
  if (!bySummary) constants.set(b.id, (bySummary = new Map()));
  let parts = bySummary.get(summary);
  if (parts === undefined || parts.of !== b.sources) {
    parts = {
      of: b.sources,
      summary,
      head: Buffer.from(
        `{"id":${JSON.stringify(b.id)},"label":${JSON.stringify(b.label)},"organisation":${JSON.stringify(b.organisation)},"eligible":`,
      ),
      frequency: Buffer.from(
        `,"frequency":${JSON.stringify(b.frequency)},"explanation":"${escaped(summary)}`,
      ),
      sources: Buffer.from(`","sources":${JSON.stringify(b.sources)},"missing":`),
    };
    if (bySummary.size < MAX_SUMMARIES || bySummary.has(summary)) bySummary.set(summary, parts);
  }
  return parts;
}

// A benefit the household is not entitled to this month is the same result for every household (the estimator
// even gives the same explanation string): its whole JSON is encoded once, keyed by that explanation, and
// copied — four benefits in five in an answer.
interface WholeResult {
  of: BenefitResult['sources'];
  id: string;
  label: string;
  organisation: string;
  frequency: string;
  bytes: Buffer;
}
const notDue = new Map<string, WholeResult>();
const MAX_NOT_DUE = 256;

function notDueBytes(b: BenefitResult): Buffer | undefined {
  if (b.eligible !== false || b.amount !== 0 || b.missing.length > 0) return undefined;
  const known = notDue.get(b.explanation);
  if (
    known !== undefined &&
    known.of === b.sources &&
    known.id === b.id &&
    known.label === b.label &&
    known.organisation === b.organisation &&
    known.frequency === b.frequency
  )
    return known.bytes;
  const bytes = Buffer.from(JSON.stringify(b));
  if (notDue.size < MAX_NOT_DUE)
    notDue.set(b.explanation, {
      of: b.sources,
      id: b.id,
      label: b.label,
      organisation: b.organisation,
      frequency: b.frequency,
      bytes,
    });
  return bytes;
}

/** The summary sentence every explanation of a benefit starts with (its first line). */
function summaryOf(explanation: string): string {
  const end = explanation.indexOf('\n');
  return end < 0 ? explanation : explanation.slice(0, end);
}

/** Accumulates answers, one JSON line each, into one buffer handed over whole (transferable). */
export class AnswerWriter {
  private buffer: Buffer;
  private length = 0;

  constructor(private readonly initialSize = 1 << 22) {
    this.buffer = Buffer.allocUnsafeSlow(initialSize);
  }

  private room(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }

  private bytes(part: Buffer): void {
    this.room(part.length);
    part.copy(this.buffer, this.length);
    this.length += part.length;
  }

  /** Appends text encoded in UTF-8. */
  text(text: string): void {
    // At most 3 bytes per UTF-16 unit.
    this.room(text.length * 3);
    this.length += this.buffer.write(text, this.length, 'utf8');
  }

  /** Appends one answer, as JSON.stringify writes it, and a line feed (unless told not to). */
  response(response: EstimationResponse, lineFeed = true): void {
    this.text(`{"month":${JSON.stringify(response.month)},"benefits":[`);
    for (let i = 0; i < response.benefits.length; i++) {
      const b = response.benefits[i] as BenefitResult;
      if (i > 0) this.byte(44); // ,
      const whole = notDueBytes(b);
      if (whole !== undefined) {
        this.bytes(whole);
        continue;
      }
      const parts = constantsOf(b, summaryOf(b.explanation));
      this.bytes(parts.head);
      const eligible = b.eligible === null ? 'null' : b.eligible ? 'true' : 'false';
      this.text(`${eligible},"amount":${b.amount === null ? 'null' : JSON.stringify(b.amount)}`);
      this.bytes(parts.frequency);
      const rest = b.explanation.length - parts.summary.length;
      if (rest > 0) this.text(escaped(b.explanation.slice(parts.summary.length)));
      this.bytes(parts.sources);
      if (b.missing.length === 0) this.text('[]}');
      else this.text(`${JSON.stringify(b.missing)}}`);
    }
    this.text(
      `],"missing":${JSON.stringify(response.missing)},"assumptions":${response.assumptions.length === 0 ? '[]' : JSON.stringify(response.assumptions)}}${lineFeed ? '\n' : ''}`,
    );
  }

  private byte(value: number): void {
    this.room(1);
    this.buffer[this.length++] = value;
  }

  /** Forgets what was written since the last `take` (an answer that failed halfway). */
  discard(): void {
    this.length = 0;
  }

  /** The bytes written so far, in a buffer of their own (to transfer), and a fresh start. */
  take(): Buffer<ArrayBuffer> {
    const out = Buffer.allocUnsafeSlow(this.length);
    this.buffer.copy(out, 0, 0, this.length);
    this.length = 0;
    return out;
  }

  /**
   * Like `take`, but into one of `spares` (buffers handed back once written) when it is large enough, so that a
   * long batch keeps reusing the same memory instead of touching fresh pages for every chunk; a new buffer gets
   * a quarter more room than needed, for the next chunks that are a little longer.
   */
  takeInto(spares: ArrayBuffer[]): Buffer<ArrayBuffer> {
    const spare = spares.pop();
    const out =
      spare !== undefined && spare.byteLength >= this.length
        ? Buffer.from(spare, 0, this.length)
        : Buffer.from(new ArrayBuffer(Math.ceil(this.length * 1.25)), 0, this.length);
    this.buffer.copy(out, 0, 0, this.length);
    this.length = 0;
    return out;
  }
}
