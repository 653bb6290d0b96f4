import type { ShortcutGroup } from '../keyboard';

/*
 * Keys that act on the control that has the focus (Tab to it), not on the whole view: the
 * controls handle them through these tables, and the record view's sheet prints them.
 */

export type OverviewKey = 'overview-back' | 'overview-forward';

export const overviewKeys: ShortcutGroup<OverviewKey> = {
  group: 'On the focused overview strip',
  shortcuts: [
    { action: 'overview-back', keys: ['ArrowLeft', 'PageUp'], does: 'a whole window back' },
    { action: 'overview-forward', keys: ['ArrowRight', 'PageDown'], does: 'a whole window forward' },
  ],
};

export type CaliperTipKey = 'tip-earlier' | 'tip-later' | 'tip-up' | 'tip-down';

export const caliperTipKeys: ShortcutGroup<CaliperTipKey> = {
  group: 'On a focused caliper tip',
  shortcuts: [
    { action: 'tip-earlier', keys: ['ArrowLeft', 'Shift+ArrowLeft'], does: '¼ mm of paper earlier (Shift: 2.5 mm)' },
    { action: 'tip-later', keys: ['ArrowRight', 'Shift+ArrowRight'], does: '¼ mm of paper later (Shift: 2.5 mm)' },
    { action: 'tip-up', keys: ['ArrowUp', 'Shift+ArrowUp'], does: '½ mm of paper up (Shift: 5 mm)' },
    { action: 'tip-down', keys: ['ArrowDown', 'Shift+ArrowDown'], does: '½ mm of paper down (Shift: 5 mm)' },
  ],
};

export type AnnotationEdgeKey = 'edge-earlier' | 'edge-later';

export const annotationEdgeKeys: ShortcutGroup<AnnotationEdgeKey> = {
  group: "On a focused annotation's edge handle",
  shortcuts: [
    {
      action: 'edge-earlier',
      keys: ['ArrowLeft', 'Shift+ArrowLeft'],
      does: '¼ mm of paper earlier, at least a sample (Shift: ten times)',
    },
    { action: 'edge-later', keys: ['ArrowRight', 'Shift+ArrowRight'], does: '¼ mm of paper later (Shift: ten times)' },
  ],
};

export type FocusedControlKey = OverviewKey | CaliperTipKey | AnnotationEdgeKey;

export const focusedControlKeys: readonly ShortcutGroup<FocusedControlKey>[] = [
  overviewKeys,
  caliperTipKeys,
  annotationEdgeKeys,
];
