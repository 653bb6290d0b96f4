import type { ModelInfo, WindowVerdict } from '$api/contract';

type TargetModel = Pick<ModelInfo, 'task' | 'classNames'>;

/** A choice of the form's "Target class": `predicted`, or a model output's index as text. */
export interface TargetChoice {
  value: string;
  label: string;
}

/**
 * What an explainer may be pointed at. A binary-risk model answers one output, the risk of its
 * positive outcome (`classNames[1]`): that output is the only target, whatever it predicts.
 */
export function targetChoices(model: TargetModel | null): TargetChoice[] {
  if (model?.task === 'binary-risk')
    return [{ value: 'predicted', label: `Risk of ${model.classNames[1] ?? 'the outcome'}` }];
  return [
    { value: 'predicted', label: 'Predicted class' },
    ...(model?.classNames ?? []).map((name, index) => ({ value: String(index), label: name })),
  ];
}

/** A stored target (a model output's index) in words: a class, or a binary-risk model's risk. */
export function targetName(model: TargetModel | null, target: number | null): string {
  if (target === null) return '—';
  if (model?.task === 'binary-risk') return `risk of ${model.classNames[1] ?? 'the outcome'}`;
  return model?.classNames[target] ?? String(target);
}

/**
 * The model's verdict on the windows to explain: one window's class with its probability (a
 * binary-risk model's "survived" is 1 − the risk it gives), several windows' classes counted.
 */
export function predictionText(model: TargetModel, windows: readonly Pick<WindowVerdict, 'label' | 'score'>[]): string {
  const name = (label: number | null): string => (label === null ? '—' : (model.classNames[label] ?? String(label)));
  const [only] = windows;
  if (windows.length === 1 && only !== undefined) {
    if (only.score === null) return name(only.label);
    const probability = model.task === 'binary-risk' && only.label === 0 ? 1 - only.score : only.score;
    return `${name(only.label)} · ${Math.round(probability * 100)} %`;
  }
  const counts: Record<string, number> = {};
  for (const w of windows) counts[name(w.label)] = (counts[name(w.label)] ?? 0) + 1;
  return Object.entries(counts)
    .map(([label, count]) => `${label} ×${count}`)
    .join(' · ');
}
