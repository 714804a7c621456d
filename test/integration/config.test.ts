// Issue 6: AUTH_MODE defaults to `dev`, which mints an admin token for anyone who asks. `loadConfig` must
// refuse dev mode on a non-loopback HOST or under NODE_ENV=production, and say what to set instead.
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, loadConfig } from '../../server/config.ts';
import { maxCachedWorkflows, workflowStackFrames } from '../../worker/worker.ts';

const JWT = {
  AUTH_MODE: 'jwt',
  JWKS_URL: 'https://id.example.gov.vn/.well-known/jwks.json',
  JWT_ISSUER: 'https://id.example.gov.vn',
  JWT_AUDIENCE: 'press-liaison',
};

describe('loadConfig: dev tokens only on loopback', () => {
  it('keeps the two-command start: the defaults are dev mode on 127.0.0.1', () => {
    const config = loadConfig({});
    expect(config.authMode).toBe('dev');
    expect(config.host).toBe('127.0.0.1');
  });

  it('reads METRICS_TOKEN, an empty one as unset', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: '  ' }).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'scrape-secret' }).metricsToken).toBe('scrape-secret');
  });

  it.each(['127.0.0.1', '127.8.9.10', '::1', '[::1]', '::ffff:127.0.0.1', 'localhost', 'LOCALHOST'])(
    'allows dev mode on the loopback host %s',
    (HOST) => {
      expect(loadConfig({ HOST }).host).toBe(HOST);
      expect(loadConfig({ HOST, AUTH_MODE: 'dev' }).authMode).toBe('dev');
    },
  );

  it.each(['0.0.0.0', '::', '192.168.1.20', '10.0.0.5', 'press.quangtri.gov.vn', '127.1', '2130706433'])(
    'refuses the default dev mode on HOST=%s and names what to set',
    (HOST) => {
      const refuse = () => loadConfig({ HOST });
      expect(refuse).toThrow(/Refusing to start with AUTH_MODE=dev \(the default\)/);
      expect(refuse).toThrow(`HOST is '${HOST}', which is not a loopback address`);
      expect(refuse).toThrow(/AUTH_MODE=jwt with JWKS_URL, JWT_ISSUER and JWT_AUDIENCE/);
    },
  );

  it('refuses an explicit AUTH_MODE=dev on a public HOST as well', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0', AUTH_MODE: 'dev' })).toThrow(
      /Refusing to start with AUTH_MODE=dev: HOST is '0.0.0.0'/,
    );
  });

  it('refuses dev mode under NODE_ENV=production even on loopback', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/NODE_ENV is production/);
    expect(() => loadConfig({ NODE_ENV: 'production', HOST: '127.0.0.1', AUTH_MODE: 'dev' })).toThrow(
      /AUTH_MODE=jwt with JWKS_URL, JWT_ISSUER and JWT_AUDIENCE/,
    );
  });

  it('lets jwt mode serve any host, in production too', () => {
    const config = loadConfig({ ...JWT, HOST: '0.0.0.0', NODE_ENV: 'production' });
    expect(config.authMode).toBe('jwt');
    expect(config.host).toBe('0.0.0.0');
    expect(config.jwtAudience).toBe('press-liaison');
  });

  it('treats an empty HOST or AUTH_MODE as unset', () => {
    const config = loadConfig({ HOST: '', AUTH_MODE: '' });
    expect(config).toMatchObject({ host: '127.0.0.1', authMode: 'dev' });
  });
});

describe('isLoopbackHost', () => {
  it('knows loopback from the rest', () => {
    expect(
      ['127.0.0.1', '127.255.255.254', '::1', '0:0:0:0:0:0:0:1', 'localhost'].map(isLoopbackHost),
    ).toEqual([true, true, true, true, true]);
    expect(
      ['0.0.0.0', '::', '128.0.0.1', 'fe80::1', 'localhost.example.com', ''].map(isLoopbackHost),
    ).toEqual([false, false, false, false, false, false]);
  });
});

describe('WORKER_MAX_CACHED_WORKFLOWS', () => {
  it('caps the worker cache at 1,000 contacts unless told otherwise, and refuses nonsense', () => {
    expect(maxCachedWorkflows({})).toBe(1_000);
    expect(maxCachedWorkflows({ WORKER_MAX_CACHED_WORKFLOWS: ' 250 ' })).toBe(250);
    for (const bad of ['0', '1', '2.5', 'nhiều', '1000000'])
      expect(() => maxCachedWorkflows({ WORKER_MAX_CACHED_WORKFLOWS: bad })).toThrow(
        /WORKER_MAX_CACHED_WORKFLOWS/,
      );
  });
});

describe('WORKFLOW_STACK_FRAMES', () => {
  it('keeps one stack frame in the workflow sandbox unless told otherwise, and refuses nonsense', () => {
    expect(workflowStackFrames({})).toBe(1);
    expect(workflowStackFrames({ WORKFLOW_STACK_FRAMES: ' 10 ' })).toBe(10);
    expect(workflowStackFrames({ WORKFLOW_STACK_FRAMES: '0' })).toBe(0);
    for (const bad of ['-1', '2.5', 'tất cả', '101'])
      expect(() => workflowStackFrames({ WORKFLOW_STACK_FRAMES: bad })).toThrow(/WORKFLOW_STACK_FRAMES/);
  });
});
