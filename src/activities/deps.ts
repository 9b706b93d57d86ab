import type { MikroORM } from '@mikro-orm/sqlite';
import type { Logger } from '../logger';
import type { VrchatClient } from '../vrchat';

/** What activities need from the process; built once in the worker's composition root. */
export interface ActivityDeps {
  orm: MikroORM;
  logger: Logger;
  vrchat: VrchatClient;
}
