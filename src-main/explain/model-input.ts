import type Database from 'better-sqlite3';
import { tensor } from '../engine';
import type { Tensor } from '../engine';
import { preprocessWindows, readWindows } from '../models';
import type { ModelCard } from '../models';
import type { ChannelDetail } from '../store';

/** Windows of a record as the model is fed them: read, preprocessed as the card says, [B, T, F]. */
export function modelInput(
  db: Database.Database,
  card: ModelCard,
  channels: readonly ChannelDetail[],
  starts: readonly number[],
): Tensor {
  const time = card.input.windowLength;
  const values = readWindows(db, channels, starts, time);
  preprocessWindows(card, values, starts.length);
  return tensor('float32', [starts.length, time, channels.length], values);
}
