import { describe, expect, it } from 'vitest';
import { readCalipers } from './calipers';
import { EcgView } from './ecg-view.svelte';
import { laneWindow, RULER_HEIGHT_PX } from './lanes';
import type { RecordPlace } from './place';
import { beatAt as beat, TestReader, twoLeadRecord as record } from './test-fixtures';

/** 1000 × 620 px lanes at 4 px/mm: a 10-second window, two lanes of 300 px. */
function openView(place: Omit<RecordPlace, 'recordId'> = {}, reader = new TestReader()): EcgView {
  const view = new EcgView(reader, record, { recordId: record.id, ...place }, 4);
  view.resize(1000, 620);
  return view;
}

describe('EcgView', () => {
  it('opens at the start, at 25 mm/s, with every lead at 10 mm/mV', () => {
    const view = openView();
    expect(view.viewport).toEqual({ startSec: 0, mmPerSec: 25 });
    expect(view.windowSec).toBe(10);
    expect(view.lanes.map((l) => [l.name, l.mmPerUnit])).toEqual([
      ['MLII', 10],
      ['V5', 10],
    ]);
  });

  it('opens where the address bar says, and says where it is', () => {
    const view = openView({ startSec: 600, mmPerSec: 50, leads: [1], gains: { 1: 20 } });
    expect(view.viewport).toEqual({ startSec: 600, mmPerSec: 50 });
    expect(view.lanes.map((l) => [l.name, l.mmPerUnit])).toEqual([['V5', 20]]);
    expect(view.place()).toEqual({ recordId: 1, startSec: 600, mmPerSec: 50, leads: [1], gains: { 1: 20 } });
  });

  it('moves, and keeps the window inside the record when the lanes widen', () => {
    const view = openView({ startSec: 1790 });
    view.go({ kind: 'pan-windows', windows: -1 });
    expect(view.startSec).toBe(1780);
    view.resize(2000, 620);
    expect(view.startSec).toBe(1780);
    view.go({ kind: 'end' });
    expect(view.startSec).toBe(1780);
  });

  it('hides, shows and reorders leads, never hiding the last one', () => {
    const view = openView();
    view.moveLead(1, -1);
    expect(view.order).toEqual([1, 0]);
    view.showLead(1, false);
    view.showLead(0, false);
    expect(view.order).toEqual([0]);
    view.showLead(1, true);
    expect(view.order).toEqual([0, 1]);
  });

  it('doubles and halves one lane’s gain', () => {
    const view = openView();
    view.stepGain(0, 1);
    view.stepGain(1, -1);
    expect(view.lanes.map((l) => l.mmPerUnit)).toEqual([20, 5]);
  });

  it('places calipers where the analyst clicks and reads the heart rate from them', () => {
    const view = openView({ startSec: 100 });
    // 100 px per second: clicks 80 px apart are 0.8 s apart, a heart rate of 75 bpm.
    const baseline = RULER_HEIGHT_PX + 150;
    view.placeCaliperAt(200, baseline);
    view.placeCaliperAt(280, baseline - 40);
    expect(view.calipers.a).toMatchObject({ timeSec: 102, channel: 0 });
    const reading = readCalipers(view.calipers, () => 'mV');
    expect(reading?.heartRateBpm).toBeCloseTo(75);
    expect(reading?.deltaValue).toBeCloseTo(1);
  });

  it('drags a caliper within its own lane, and nudges it from the keyboard', () => {
    const view = openView();
    view.placeCaliperAt(100, RULER_HEIGHT_PX + 150);
    view.dragCaliper('a', 300, 600);
    expect(view.calipers.a?.timeSec).toBe(3);
    expect(view.calipers.a?.channel).toBe(0);
    // Dragged below MLII's lane, the tip stops at the lane's bottom edge: 150 px = 3.75 mV down.
    expect(view.calipers.a?.value).toBeCloseTo(-3.75);
    view.nudgeCaliper('a', 0.01, 0.05);
    expect(view.calipers.a?.timeSec).toBeCloseTo(3.01);
    view.clearCalipers();
    expect(view.calipers).toEqual({ a: null, b: null });
  });

  it('jumps from PVC to PVC after the middle of the window, even where one cannot be centred', async () => {
    const reader = new TestReader();
    reader.annotations = [beat(0.5, 'N'), beat(1, 'V'), beat(3, 'V'), beat(7, 'V'), beat(8, 'N'), beat(600, 'V')];
    const view = openView({}, reader);
    view.frameDrawn(true);
    await reader.release();
    expect(view.label).toBe('V');
    expect(view.jumpToAnnotation(-1)).toBe(true);
    expect(view.cursorSec).toBe(3);
    expect(view.startSec).toBe(0);
    // The window could not centre 3 s; the search goes on from the PVC found, not from the middle.
    expect(view.jumpToAnnotation(-1)).toBe(true);
    expect(view.cursorSec).toBe(1);
    expect(view.jumpToAnnotation(1)).toBe(true);
    expect(view.cursorSec).toBe(3);
    expect(view.jumpToAnnotation(1)).toBe(true);
    expect(view.cursorSec).toBe(7);
    expect(view.jumpToAnnotation(1)).toBe(true);
    expect(view.startSec).toBe(595);
    expect(view.jumpToAnnotation(1)).toBe(false);
    expect(view.findNotice).toBe('No later V');
  });

  it('centres the lanes on each lead’s baseline once its overview arrives', async () => {
    const reader = new TestReader();
    const view = openView({}, reader);
    view.frameDrawn(true);
    expect(view.lanes[1]?.centre).toBe(0);
    await reader.release();
    // The test reader's ramp for V5 runs from 1000 to 1648 mV; its median midpoint is near 1324.
    expect(view.lanes[1]?.centre).toBeGreaterThan(1300);
    expect(view.lanes[1]?.centre).toBeLessThan(1350);
  });

  it('asks for the first window before the lanes are laid out, and draws from it once they are', async () => {
    const reader = new TestReader();
    const view = new EcgView(reader, record, { recordId: 1, startSec: 60 }, 4);
    view.prefetch(1280, 1);
    await reader.release();
    expect(reader.signalCalls.map((c) => [c.params.channels, c.params.start])).toEqual([
      [[0, 1], 60 * 360 - (1280 / 100) * 360],
    ]);
    view.resize(1000, 620);
    const lane = view.lanes[0];
    if (lane === undefined) throw new Error('no lane');
    const { view: shown, samplesPerColumn } = laneWindow(lane, view.startSec, 100, 1000, 1);
    expect(view.traces.get(0)?.blockFor(shown, samplesPerColumn)?.detail).toBe('samples');
    expect(reader.signalCalls).toHaveLength(1);
  });

  it('reads the overviews after the first frame’s window, and the annotations once a frame is complete', async () => {
    const reader = new TestReader();
    const view = openView({}, reader);
    view.frameDrawn(false);
    view.frameDrawn(false);
    await reader.release();
    expect(reader.sent).toEqual(['readEnvelope']);
    expect(view.annotations).toBeNull();
    view.frameDrawn(true);
    view.frameDrawn(true);
    await reader.release();
    expect(reader.sent).toEqual(['readEnvelope', 'listAnnotations']);
    expect(view.traceComplete).toBe(true);
  });

  it('says why the samples could not be read', async () => {
    const reader = new TestReader();
    reader.failWith = 'the study is locked';
    const view = openView({}, reader);
    view.frameDrawn(true);
    await reader.release();
    expect(view.error).toBe('Could not read the overview: the study is locked');
  });
});
