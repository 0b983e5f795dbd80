/** What a live run tells the person watching it, as it happens. */
export type ProgressKind = 'preflight' | 'state' | 'milestone' | 'ssh' | 'verdict' | 'teardown' | 'warning';

export interface ProgressEvent {
  readonly instanceType: string;
  readonly instanceId: string | null;
  readonly kind: ProgressKind;
  readonly message: string;
}

export type Progress = (kind: ProgressKind, message: string) => void;
