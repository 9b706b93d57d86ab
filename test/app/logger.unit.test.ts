import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, prettyStream, REDACTED, scrubSecrets } from '../../src/logger';
import { ROOT } from '../harness/paths';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GhIjKl.MnOpQrStUvWxYz0123456789abcdEFGH';
const OTHER_TOKEN_SHAPE = 'OTg3NjU0MzIxMDk4NzY1NDMyMQ.Xy12Ab.ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ';

function captured(secrets: string[] = [TOKEN]) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level: 'trace', secrets, destination });
  return { logger, output: () => lines.join('') };
}

describe('logger', () => {
  it('writes JSON lines with level, time and message', () => {
    const { logger, output } = captured();
    logger.info({ source: 'status' }, 'poll done');
    const record = JSON.parse(output().trim()) as Record<string, unknown>;
    expect(record).toMatchObject({ level: 30, msg: 'poll done', source: 'status', name: 'vrcpulse' });
    expect(typeof record.time).toBe('number');
  });

  it('redacts secret keys wherever they are nested', () => {
    const { logger, output } = captured([]);
    logger.info({
      token: 'abc',
      config: { discordToken: 'def' },
      req: { headers: { authorization: 'ghi' } },
    });
    const text = output();
    expect(text).not.toMatch(/"abc"|"def"|"ghi"/);
    expect(text.split(REDACTED).length - 1).toBe(3);
  });

  it('removes the configured token from messages, errors and objects', () => {
    const { logger, output } = captured();
    logger.info(`connecting with ${TOKEN}`);
    logger.error({ err: new Error(`login failed for ${TOKEN}`) }, 'boom');
    logger.warn({ request: { url: `https://x/${TOKEN}`, body: [TOKEN] } }, 'retry');
    logger.debug({ DISCORD_TOKEN: TOKEN });
    const text = output();
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('MTIzNDU2Nzg5MDEy');
    expect(text).toContain(REDACTED);
  });

  it('removes anything shaped like a Discord token or an Authorization value, configured or not', () => {
    const { logger, output } = captured([]);
    logger.info(`stray ${OTHER_TOKEN_SHAPE} here`);
    logger.info({ raw: 'Authorization: Bot abcdefghijklmnopqrstuvwxyz012345' });
    logger.info({ raw: 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345' });
    const text = output();
    expect(text).not.toContain(OTHER_TOKEN_SHAPE);
    expect(text).not.toContain('abcdefghijklmnopqrstuvwxyz012345');
    expect(text).toContain(`Bot ${REDACTED}`);
  });

  it('keeps ordinary text intact', () => {
    expect(scrubSecrets('incident 9cn3s26glx4d resolved at 2026-01-05T04:12:30.123Z', [TOKEN])).toBe(
      'incident 9cn3s26glx4d resolved at 2026-01-05T04:12:30.123Z',
    );
    expect(scrubSecrets('a.b.c version 1.24.0', ['short'])).toBe('a.b.c version 1.24.0');
  });

  it('honours the level', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ level: 'warn', destination });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines).toHaveLength(1);
  });
});

it('keeps interaction and webhook tokens out of logged Discord URLs', () => {
  const token = 'aW50ZXJhY3Rpb246MTE5MDAwMDAwMDAwMDAwMDEyMzpTZWNyZXRUb2tlbkZvclRlc3Rz';
  const line = JSON.stringify({
    msg: 'request failed',
    err: `DiscordAPIError[10062]: Unknown interaction POST https://discord.com/api/v10/interactions/1190000000000000123/${token}/callback`,
    url: `https://discord.com/api/v10/webhooks/1180000000000000001/${token}/messages/@original?with_components=true`,
  });
  const scrubbed = scrubSecrets(line);
  expect(scrubbed).not.toContain(token);
  expect(scrubbed).toContain(`/interactions/1190000000000000123/${REDACTED}/callback`);
  expect(scrubbed).toContain(
    `/webhooks/1180000000000000001/${REDACTED}/messages/@original?with_components=true`,
  );
});

describe('pretty printing on a terminal', () => {
  it('comes from pino-pretty where it is installed (a development install)', () => {
    const stream = prettyStream();
    expect(stream).not.toBeNull();
    expect(typeof stream?.write).toBe('function');
  });

  it('is left out where pino-pretty is not installed (a production install): JSON lines then', () => {
    const productionLoader = (id: string) => {
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    };
    expect(prettyStream(productionLoader)).toBeNull();
  });

  it('is a development dependency only', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.dependencies['pino-pretty']).toBeUndefined();
    expect(pkg.devDependencies['pino-pretty']).toEqual(expect.any(String));
  });
});
