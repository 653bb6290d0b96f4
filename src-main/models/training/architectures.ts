import { AppError } from '../../errors';
import { TORCH_BATCH_NORM } from './batch-norm';
import { cnn1d, gru, lstm } from './networks';
import type { Network, NetworkShape } from './networks';
import { resnet1d } from './resnet1d';
import { transformerMvts } from './transformer-mvts';

/** The architectures `salience train` builds: CNN and ResNet for ECG, GRU and LSTM for ICU stays, the TimeX Transformer. */
export const ARCHITECTURES = ['cnn1d', 'resnet1d', 'gru', 'lstm', 'transformer'] as const;
export type ArchitectureName = (typeof ARCHITECTURES)[number];

/** Sizes a user may change; each architecture reads the ones that apply to it. */
export interface ArchitectureSizes {
  /** Convolution widths per layer (cnn1d) or per stage (resnet1d). */
  readonly filters?: readonly number[];
  /** Odd convolution kernel length. */
  readonly kernel?: number;
  /** Hidden state (gru, lstm) or feed-forward width (transformer). */
  readonly hidden?: number;
  /** Encoder layers (transformer). */
  readonly layers?: number;
}

export function isArchitectureName(name: string): name is ArchitectureName {
  return (ARCHITECTURES as readonly string[]).includes(name);
}

/** The network of `name` for windows of `shape`, with the given sizes or small defaults that train in seconds to minutes. */
export function buildNetwork(name: string, shape: NetworkShape, sizes: ArchitectureSizes = {}): Network {
  const kernel = sizes.kernel ?? 7;
  switch (name) {
    case 'cnn1d':
      return cnn1d(shape, { filters: sizes.filters ?? [8, 16, 16], kernel });
    case 'resnet1d':
      return resnet1d(shape, { channels: sizes.filters ?? [8, 16, 32], kernel, batchNorm: TORCH_BATCH_NORM });
    case 'gru':
      return gru(shape, { hidden: sizes.hidden ?? 32 });
    case 'lstm':
      return lstm(shape, { hidden: sizes.hidden ?? 32 });
    case 'transformer':
      return transformerMvts(shape, {
        layers: sizes.layers ?? 2,
        feedForward: sizes.hidden ?? 64,
        dropout: 0.1,
        normEmbedding: false,
      });
    default:
      throw new AppError('invalid-request', `architecture '${name}': expected one of ${ARCHITECTURES.join(', ')}`);
  }
}
