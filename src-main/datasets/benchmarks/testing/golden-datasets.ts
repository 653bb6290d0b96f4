import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from '../../../../test/support/sample-data';

/** test/fixtures/golden/datasets.json (see the README beside it): tint's dataset parameters. */
export interface GoldenDatasets {
  hmm: {
    mean_per_state: number[][];
    cov_per_state: number[][][];
    imp_feature: number[];
    corr_feature: number[];
    p0: number[];
    defaults: { n_signal: number; n_state: number; train_size: number; test_size: number; signal_length: number };
  };
  arma: {
    ar: number[];
    ma: number[];
    times: number;
    features: number;
    subset: number;
    'rare_feature_seed42_feature_indices(perm[:5])': number[];
    rare_feature_time_range_half_open: [number, number];
    rare_time_seed42_t_rand: number;
    rare_time_feature_range_half_open: [number, number];
    lfilter_check: { eta: number[]; y: number[] };
  };
}

export function goldenDatasets(): GoldenDatasets {
  return JSON.parse(readFileSync(join(fixturesDir('golden'), 'datasets.json'), 'utf8')) as GoldenDatasets;
}
