import { findRecord, listAnnotations } from '../../store';
import { type Command, UsageError } from '../command';
import { formatTable } from '../table';

export const annotationsCommand: Command = {
  name: 'annotations',
  summary: "list a record's annotations",
  description:
    'Lists the annotations of one record (named by id or name): sample, end sample, channel, label, aux/note, author and source.',
  positionals: 'ID',
  options: {
    study: { type: 'string', value: 'S', required: true, description: 'the study file' },
  },
  run({ positionals, json, io, openStudy }) {
    const [id, ...extra] = positionals;
    if (id === undefined || extra.length > 0) throw new UsageError('expected exactly one record id or name');
    const study = openStudy();
    try {
      const record = findRecord(study.db, id);
      const annotations = listAnnotations(study.db, record.id);
      if (json) {
        io.out(`${JSON.stringify({ record: { id: record.id, name: record.name }, annotations })}\n`);
      } else if (annotations.length === 0) {
        io.out(`record ${record.name}: no annotations\n`);
      } else {
        io.out(
          formatTable(
            ['sample', 'end', 'channel', 'label', 'aux/note', 'author', 'source'],
            annotations.map((a) => [
              String(a.sample),
              a.endSample === null ? '' : String(a.endSample),
              a.channel === null ? 'all' : (record.channels[a.channel]?.name ?? String(a.channel)),
              a.subtype === 0 ? a.symbol : `${a.symbol}/${a.subtype}`,
              a.aux ?? '',
              a.author,
              a.source,
            ]),
          ),
        );
      }
    } finally {
      study.close();
    }
    return Promise.resolve();
  },
};
