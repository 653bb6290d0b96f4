/** One numbered schema step; applied in order, all pending steps in one transaction. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
