import type { ExportContent } from './export-content';

/**
 * One JSON object: the record (without its source path and import warnings), the rate its
 * annotation samples count at, whether it was de-identified, and the annotations as the store has them.
 */
export function annotationsJson({ record, annotations, deidentified }: ExportContent): string {
  const document = {
    record: {
      id: record.id,
      name: record.name,
      source: record.source,
      patientId: record.patientId,
      startTime: record.startTime,
      sampleCount: record.sampleCount,
      channels: record.channels.map((c) => ({
        index: c.index,
        name: c.name,
        units: c.units,
        samplingRateHz: c.samplingRateHz,
        sampleCount: c.sampleCount,
      })),
      info: record.info,
    },
    samplingRateHz: record.frameRateHz,
    deidentified,
    annotations,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
