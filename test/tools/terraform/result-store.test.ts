// The Terraform result store answers a request only with a result produced from the same input by the same
// Terraform, provider, Terraform code and environment; it never keeps a failure, never hangs on a lock
// left by a run that died, and stays bounded.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  type ProducerIdentity,
  producerIdentity,
  pruneResultStore,
  resultKey,
  STALE_LOCK_MS,
  storedOrProduced,
  storedOrProducedSync,
} from '../../../tools/terraform/result-store';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { testStores, PERSISTENT_STORE } = require('../../setup/global-setup');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { storeSummary } = require('../../setup/global-teardown');

const identity: ProducerIdentity = { terraform: '1.11.4 linux_amd64 /t:1:2', provider: '5.100.0 /m /p:3:4', code: 'abc', environment: '' };

/** A PID that belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

// These tests' own requests must not count in the run's summary of Terraform results.
const savedLog = process.env.LZ_TEST_STORE_LOG;
beforeAll(() => delete process.env.LZ_TEST_STORE_LOG);
afterAll(() => {
  if (savedLog !== undefined) process.env.LZ_TEST_STORE_LOG = savedLog;
});

const storeDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'lz-result-store-'));

describe('resultKey', () => {
  const base = resultKey('full', ['{"a":1}'], identity);

  it('is the same for the same kind, input and identity', () => {
    expect(resultKey('full', ['{"a":1}'], { ...identity })).toBe(base);
  });

  it.each<[string, string]>([
    ['the kind', resultKey('summary', ['{"a":1}'], identity)],
    ['the input', resultKey('full', ['{"a":2}'], identity)],
    ['an added input (a prior state)', resultKey('full', ['{"a":1}', '{}'], identity)],
    ['the Terraform', resultKey('full', ['{"a":1}'], { ...identity, terraform: '1.11.5 linux_amd64 /t:1:2' })],
    ['the provider binary', resultKey('full', ['{"a":1}'], { ...identity, provider: '5.100.0 /m /p:3:5' })],
    ['the Terraform code', resultKey('full', ['{"a":1}'], { ...identity, code: 'abd' })],
    ['the environment', resultKey('full', ['{"a":1}'], { ...identity, environment: 'TF_CLI_ARGS_plan=-target=x' })],
  ])('changes with %s', (_what, key) => {
    expect(key).not.toBe(base);
  });

  it('keeps input boundaries: ["ab", "c"] and ["a", "bc"] are different requests', () => {
    expect(resultKey('full', ['ab', 'c'], identity)).not.toBe(resultKey('full', ['a', 'bc'], identity));
  });
});

describe('producerIdentity', () => {
  it('names the Terraform on PATH by version, platform and binary, and the pinned provider', () => {
    const version = JSON.parse(execFileSync('terraform', ['version', '-json'], { encoding: 'utf8' }));
    const found = producerIdentity();
    expect(found.terraform).toContain(`${version.terraform_version} ${version.platform} `);
    expect(found.provider).toMatch(/^5\.100\.0 /);
  });

  it('changes with a producer file the caller names, and with TF_CLI_ARGS or TF_VAR_ settings', () => {
    const dir = storeDir();
    const producer = path.join(dir, 'producer.ts');
    fs.writeFileSync(producer, 'one');
    const first = producerIdentity([producer]);
    fs.writeFileSync(producer, 'two');
    expect(producerIdentity([producer]).code).not.toBe(first.code);
    expect(producerIdentity([producer]).code).not.toBe(producerIdentity().code);
    const saved = process.env.TF_CLI_ARGS_plan;
    process.env.TF_CLI_ARGS_plan = '-target=aws_s3_bucket.x';
    try {
      expect(producerIdentity([producer]).environment).toContain('TF_CLI_ARGS_plan=-target=aws_s3_bucket.x');
    } finally {
      if (saved === undefined) delete process.env.TF_CLI_ARGS_plan;
      else process.env.TF_CLI_ARGS_plan = saved;
    }
    expect(producerIdentity([producer]).environment).not.toContain('TF_CLI_ARGS_plan');
  });

  it('tells another Terraform apart: a different version on PATH gives another identity', () => {
    const dir = storeDir();
    const fake = path.join(dir, 'terraform');
    fs.writeFileSync(fake, '#!/bin/sh\necho \'{"terraform_version":"9.9.9","platform":"linux_amd64"}\'\n', { mode: 0o755 });
    const real = producerIdentity().terraform;
    let other = '';
    const savedPath = process.env.PATH;
    process.env.PATH = `${dir}${path.delimiter}${savedPath}`;
    try {
      // A fresh module: the identity probes Terraform once per process (module instance).
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        other = require('../../../tools/terraform/result-store').producerIdentity().terraform;
      });
    } finally {
      process.env.PATH = savedPath;
    }
    expect(other).toMatch(/^9\.9\.9 linux_amd64 /);
    expect(other).not.toBe(real);
  });
});

describe('storedOrProduced', () => {
  it('produces once and answers the repeat from the store', async () => {
    const dir = storeDir();
    const produce = jest.fn(async () => 'plan-text');
    expect(await storedOrProduced({ dir, key: 'k1' }, produce)).toBe('plan-text');
    expect(await storedOrProduced({ dir, key: 'k1' }, produce)).toBe('plan-text');
    expect(produce).toHaveBeenCalledTimes(1);
    expect(fs.readdirSync(dir)).toEqual(['k1.json']);
  });

  it('answers a request with an acceptable other key (a full plan answers a summary request) and not the reverse', async () => {
    const dir = storeDir();
    await storedOrProduced({ dir, key: 'full' }, async () => 'full-plan');
    expect(await storedOrProduced({ dir, key: 'summary', alsoAcceptable: ['full'] }, async () => 'summary')).toBe('full-plan');
    const produceFull = jest.fn(async () => 'full-2');
    await storedOrProduced({ dir, key: 'summary-2' }, async () => 'summary-2');
    expect(await storedOrProduced({ dir, key: 'full-2' }, produceFull)).toBe('full-2');
    expect(produceFull).toHaveBeenCalledTimes(1);
  });

  it('never keeps a failure: the next request runs the producer again', async () => {
    const dir = storeDir();
    await expect(
      storedOrProduced({ dir, key: 'k' }, async () => {
        throw new Error('terraform plan failed');
      }),
    ).rejects.toThrow('terraform plan failed');
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(await storedOrProduced({ dir, key: 'k' }, async () => 'now it plans')).toBe('now it plans');
  });

  it('runs one producer for concurrent requests of the same key; the others wait for its result', async () => {
    const dir = storeDir();
    let release: () => void = () => undefined;
    const produce = jest.fn(() => new Promise<string>((resolve) => (release = () => resolve('once'))));
    const first = storedOrProduced({ dir, key: 'k' }, produce);
    const second = storedOrProduced({ dir, key: 'k' }, produce);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(produce).toHaveBeenCalledTimes(1);
    release();
    expect(await Promise.all([first, second])).toEqual(['once', 'once']);
    expect(produce).toHaveBeenCalledTimes(1);
  });

  it('breaks a lock whose process is gone instead of waiting for it forever', async () => {
    const dir = storeDir();
    fs.writeFileSync(path.join(dir, 'k.lock'), String(deadPid()));
    expect(await storedOrProduced({ dir, key: 'k' }, async () => 'produced')).toBe('produced');
    expect(fs.existsSync(path.join(dir, 'k.lock'))).toBe(false);
  });

  it('breaks a lock older than the stale limit even when its PID is alive (a reused PID)', () => {
    const dir = storeDir();
    const lock = path.join(dir, 'k.lock');
    fs.writeFileSync(lock, String(process.pid));
    const old = new Date(Date.now() - STALE_LOCK_MS - 60_000);
    fs.utimesSync(lock, old, old);
    expect(storedOrProducedSync({ dir, key: 'k' }, () => 'produced')).toBe('produced');
  });

  it('waits for a live lock and returns the result its holder writes', async () => {
    const dir = storeDir();
    fs.writeFileSync(path.join(dir, 'k.lock'), String(process.pid));
    setTimeout(() => {
      fs.writeFileSync(path.join(dir, 'k.json'), 'from the holder');
      fs.rmSync(path.join(dir, 'k.lock'));
    }, 500);
    const produce = jest.fn(async () => 'second producer');
    expect(await storedOrProduced({ dir, key: 'k' }, produce)).toBe('from the holder');
    expect(produce).not.toHaveBeenCalled();
  });

  it('without a store folder produces every time (the CLI outside tests)', async () => {
    const produce = jest.fn(async () => 'x');
    await storedOrProduced({ dir: undefined, key: 'k' }, produce);
    await storedOrProduced({ dir: undefined, key: 'k' }, produce);
    expect(produce).toHaveBeenCalledTimes(2);
  });

  it('the synchronous form keeps the same rules: once, and no failure kept', () => {
    const dir = storeDir();
    const produce = jest.fn(() => 'sync');
    expect(storedOrProducedSync({ dir, key: 's' }, produce)).toBe('sync');
    expect(storedOrProducedSync({ dir, key: 's' }, produce)).toBe('sync');
    expect(produce).toHaveBeenCalledTimes(1);
    expect(() =>
      storedOrProducedSync({ dir, key: 'f' }, () => {
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(fs.existsSync(path.join(dir, 'f.json'))).toBe(false);
  });
});

describe('pruneResultStore', () => {
  it('removes results unused for the age limit, then the least recently used beyond the size limit, abandoned locks and partial writes', () => {
    const dir = storeDir();
    const now = Date.now();
    const put = (name: string, bytes: number, ageMs: number) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, 'x'.repeat(bytes));
      const when = new Date(now - ageMs);
      fs.utimesSync(file, when, when);
    };
    put('old.json', 10, 20 * 86_400_000);
    put('lru.json', 600, 3_000);
    put('mid.json', 600, 2_000);
    put('new.json', 600, 1_000);
    put(`dead.json.${deadPid()}.tmp`, 10, 1_000);
    put(`live.json.${process.pid}.tmp`, 10, 1_000);
    fs.writeFileSync(path.join(dir, 'dead.lock'), String(deadPid()));
    fs.writeFileSync(path.join(dir, 'live.lock'), String(process.pid));

    const removed = pruneResultStore(dir, { maxAgeMs: 14 * 86_400_000, maxBytes: 1_300 }, now);
    expect(removed.sort()).toEqual(['dead.lock', expect.stringMatching(/^dead\.json\.\d+\.tmp$/), 'lru.json', 'old.json'].sort());
    expect(fs.readdirSync(dir).sort()).toEqual(['live.json.' + process.pid + '.tmp', 'live.lock', 'mid.json', 'new.json'].sort());
  });

  it('prunes folders (a kept synthesis) by their whole size, and a partial folder of a process that is gone', () => {
    const dir = storeDir();
    const now = Date.now();
    const folder = (name: string, bytes: number, ageMs: number) => {
      fs.mkdirSync(path.join(dir, name, 'stacks'), { recursive: true });
      fs.writeFileSync(path.join(dir, name, 'stacks', 'cdk.tf.json'), 'x'.repeat(bytes));
      const when = new Date(now - ageMs);
      fs.utimesSync(path.join(dir, name), when, when);
    };
    folder('older', 800, 2_000);
    folder('newer', 800, 1_000);
    folder(`half.${deadPid()}.partial`, 10, 1_000);
    const removed = pruneResultStore(dir, { maxAgeMs: 86_400_000, maxBytes: 1_000 }, now);
    expect(removed.sort()).toEqual([expect.stringMatching(/^half\.\d+\.partial$/), 'older']);
    expect(fs.readdirSync(dir)).toEqual(['newer']);
  });

  it('a read counts as use: a result read recently survives a result written later but never read', async () => {
    const dir = storeDir();
    await storedOrProduced({ dir, key: 'read' }, async () => 'r'.repeat(100));
    await storedOrProduced({ dir, key: 'unread' }, async () => 'u'.repeat(100));
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dir, 'read.json'), past, new Date(Date.now() - 120_000));
    fs.utimesSync(path.join(dir, 'unread.json'), past, past);
    await storedOrProduced({ dir, key: 'read' }, async () => 'not called');
    pruneResultStore(dir, { maxAgeMs: 86_400_000, maxBytes: 150 });
    expect(fs.readdirSync(dir)).toEqual(['read.json']);
  });
});

describe('where the test run keeps Terraform results and syntheses', () => {
  it('in the persistent store under node_modules/.cache by default, in the run folder with LZ_TEST_STORE=off, or where the setting names', () => {
    expect(PERSISTENT_STORE).toBe(path.resolve(__dirname, '../../../node_modules/.cache/nhs-landing-zone'));
    expect(testStores(undefined, '/tmp/run')).toEqual({
      terraformResults: path.join(PERSISTENT_STORE, 'terraform-results'),
      syntheses: path.join(PERSISTENT_STORE, 'syntheses'),
    });
    expect(testStores('off', '/tmp/run')).toEqual({ terraformResults: '/tmp/run/terraform-results', syntheses: '/tmp/run/synth-cache' });
    expect(testStores('some/folder', '/tmp/run').syntheses).toBe(path.resolve('some/folder/syntheses'));
  });

  it('this run uses the stores its setting chooses, and logs what it produced and reused', () => {
    const stores = testStores(process.env.LZ_TEST_STORE, process.env.LZ_TEST_RUN_TMP);
    expect(process.env.LZ_TERRAFORM_CHECK_CACHE).toBe(stores.terraformResults);
    expect(process.env.LZ_SYNTH_STORE).toBe(stores.syntheses);
    expect(savedLog).toBe(path.join(process.env.LZ_TEST_RUN_TMP!, 'test-store.log'));
  });

  it('CI runs the test command with the stores off: every synthesis and Terraform check runs for real on the gate', () => {
    const ci = fs.readFileSync(path.resolve(__dirname, '../../../.ci/run'), 'utf8');
    const testLines = ci.split('\n').filter((line) => /^[^#]*\bnpm test\b/.test(line));
    expect(testLines).toHaveLength(1);
    expect(testLines[0]).toMatch(/^LZ_TEST_STORE=off npm test\b/);
  });

  it('the run summary counts real Terraform runs and syntheses against reused ones, and names a persistent store with the way to bypass it', () => {
    const dir = storeDir();
    const log = path.join(dir, 'log');
    fs.writeFileSync(log, 'produced\nreused\nsynthesized\nreused\nsynthesis-reused\n');
    const persistent = { terraformResults: '/cache/terraform-results', syntheses: '/cache/syntheses' };
    expect(storeSummary(log, persistent, '/tmp/run')).toBe(
      'Terraform: 1 result(s) produced by real runs, 2 read from the result store /cache/terraform-results (LZ_TEST_STORE=off runs every one)\n' +
        'Syntheses: 1 made, 1 reused (store /cache/syntheses)',
    );
    const runOnly = { terraformResults: '/tmp/run/terraform-results', syntheses: '/tmp/run/synth-cache' };
    expect(storeSummary(log, runOnly, '/tmp/run')).toBe(
      'Terraform: 1 result(s) produced by real runs, 2 read from the result store\nSyntheses: 1 made, 1 reused',
    );
    fs.writeFileSync(log, 'synthesized\n');
    expect(storeSummary(log, runOnly, '/tmp/run')).toBe('Syntheses: 1 made, 0 reused');
    expect(storeSummary(path.join(dir, 'absent'), runOnly, '/tmp/run')).toBeUndefined();
  });
});
