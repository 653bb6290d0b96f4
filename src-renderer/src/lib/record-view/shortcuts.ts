import { annotationShortcuts, type AnnotationAction } from '../annotations/annotation-shortcuts';
import type { ShortcutGroup, ShortcutHandlers } from '../keyboard';
import { focusedControlKeys, type FocusedControlKey } from './focused-keys';
import type { NavigationAction } from './navigation';

/** The record view's moves, each the `NavigationAction` it runs (EDFbrowser's and LightWAVE's keys). */
export const ecgMoves = {
  'pan-back': { kind: 'pan-windows', windows: -0.1 },
  'pan-forward': { kind: 'pan-windows', windows: 0.1 },
  'pan-back-half': { kind: 'pan-windows', windows: -0.5 },
  'pan-forward-half': { kind: 'pan-windows', windows: 0.5 },
  'page-back': { kind: 'pan-windows', windows: -1 },
  'page-forward': { kind: 'pan-windows', windows: 1 },
  home: { kind: 'home' },
  end: { kind: 'end' },
  'zoom-in': { kind: 'zoom-step', steps: 1 },
  'zoom-out': { kind: 'zoom-step', steps: -1 },
  'zoom-standard': { kind: 'zoom-standard' },
  'show-whole': { kind: 'show-whole' },
} as const satisfies Record<string, NavigationAction>;

export type EcgMove = keyof typeof ecgMoves;

/** The handlers of the moves: each runs its `NavigationAction` through `go`. */
export function moveHandlers(go: (action: NavigationAction) => void): ShortcutHandlers<EcgMove> {
  const handlers = {} as ShortcutHandlers<EcgMove>;
  for (const name of Object.keys(ecgMoves) as EcgMove[]) handlers[name] = () => go(ecgMoves[name]);
  return handlers;
}

/** The record view's own commands (the annotation keys are the editor's). */
export type EcgCommand =
  'go-to' | 'next-annotation' | 'previous-annotation' | 'calipers' | 'escape' | 'leads' | 'explain' | 'shortcuts';

export type EcgAction = EcgMove | EcgCommand;

/** The record view's keys; the sheet prints `ecgShortcutSheet`, which adds the annotation keys. */
export const ecgShortcuts: readonly ShortcutGroup<EcgAction>[] = [
  {
    group: 'Move',
    shortcuts: [
      { action: 'pan-back', keys: ['ArrowLeft'], does: 'a tenth of a window back' },
      { action: 'pan-forward', keys: ['ArrowRight'], does: 'a tenth of a window forward' },
      { action: 'pan-back-half', keys: ['Shift+ArrowLeft'], does: 'half a window back' },
      { action: 'pan-forward-half', keys: ['Shift+ArrowRight'], does: 'half a window forward' },
      { action: 'page-back', keys: ['PageUp'], does: 'a whole window back' },
      { action: 'page-forward', keys: ['PageDown'], does: 'a whole window forward' },
      { action: 'home', keys: ['Home'], does: 'the start of the record' },
      { action: 'end', keys: ['End'], does: 'the end of the record' },
      { action: 'go-to', keys: ['g'], does: 'go to a time (h:mm:ss)' },
    ],
  },
  {
    group: 'Zoom',
    shortcuts: [
      { action: 'zoom-in', keys: ['+', '='], does: 'double the paper speed (wheel or pinch: around the pointer)' },
      { action: 'zoom-out', keys: ['-', '_'], does: 'halve the paper speed' },
      { action: 'zoom-standard', keys: ['0'], does: 'back to 25 mm/s' },
      { action: 'show-whole', keys: ['w'], does: 'the whole record' },
    ],
  },
  {
    group: 'Annotations and calipers',
    shortcuts: [
      { action: 'next-annotation', keys: ['n'], does: 'next annotation of the chosen label' },
      { action: 'previous-annotation', keys: ['p'], does: 'previous annotation of the chosen label' },
      { action: 'calipers', keys: ['c'], does: 'calipers on or off: click twice on a lane to place them' },
      { action: 'escape', keys: ['Escape'], does: 'leave caliper mode, then clear the calipers' },
    ],
  },
  {
    group: 'Layout',
    shortcuts: [
      { action: 'leads', keys: ['l'], does: 'choose and order the leads' },
      { action: 'explain', keys: ['e'], does: 'the explain panel: run explainers, show their saliency, compare them' },
      { action: 'shortcuts', keys: ['?'], does: 'this sheet' },
    ],
  },
];

/**
 * Every key the record view handles, as the sheet lists them: the editor's keys go first when both
 * bind one (Esc); the keys of a focused control come last.
 */
export const ecgShortcutSheet: readonly ShortcutGroup<EcgAction | AnnotationAction | FocusedControlKey>[] = [
  ...ecgShortcuts.slice(0, 2),
  ...annotationShortcuts,
  ...ecgShortcuts.slice(2),
  ...focusedControlKeys,
];

export type IcuAction = 'heatmap' | 'explain' | 'shortcuts';

export const icuShortcuts: readonly ShortcutGroup<IcuAction>[] = [
  {
    group: 'ICU stay',
    shortcuts: [
      { action: 'heatmap', keys: ['h'], does: 'stacked lanes or the feature × hour heatmap' },
      {
        action: 'explain',
        keys: ['e'],
        does: 'explain the stay: run a method, its saliency as a strip under each feature, lanes or heatmap',
      },
      { action: 'shortcuts', keys: ['?'], does: 'this sheet' },
    ],
  },
];
