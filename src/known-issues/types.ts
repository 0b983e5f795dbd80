import type { Evidence } from '../model/source.js';

/** One entry of a known-issues registry file. */
export interface KnownIssue {
  /** Case-insensitive substring of a failure title (`panic: …`, `diagnosis nitro-no-ena …`); at least 16 characters. */
  readonly title?: string;
  /** Or a regular expression over failure titles (source text at least 16 characters). */
  readonly regex?: string;
  /** Bug tracker or mailing-list link, printed as "known: <link>". */
  readonly link: string;
  readonly note?: string;
}

/** A failure of the judged boot, named so a registry can recognise it across runs. */
export interface FailureTitle {
  /** Normalised: addresses masked, whitespace collapsed. */
  readonly title: string;
  /** What produced it: a panic, a diagnosis, or a failing rule. */
  readonly source: 'panic' | 'diagnosis' | 'rule';
  readonly evidence: readonly Evidence[];
}

export interface KnownIssueMatch {
  readonly title: string;
  readonly link: string;
  readonly note: string | null;
  /** The registry entry that matched (its title or regex). */
  readonly signature: string;
  readonly evidence: readonly Evidence[];
}

export interface KnownIssueOutcome {
  readonly matches: readonly KnownIssueMatch[];
  /** Root-cause failures no entry matched. */
  readonly unmatched: readonly FailureTitle[];
  /** True when the report fails and every root-cause failure is known. */
  readonly allKnown: boolean;
}
