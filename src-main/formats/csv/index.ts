export { openCsvRecord, type CsvOptions } from './csv-record';
