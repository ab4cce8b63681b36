import { BackgroundWork, type BackgroundWorker } from './background-work';

describe('BackgroundWork', () => {
  it('starts workers in order and stops them in reverse, each stop awaited', async () => {
    const log: string[] = [];
    const worker = (name: string): BackgroundWorker => ({
      start: () => log.push(`start ${name}`),
      stop: async () => {
        await new Promise((resolve) => setImmediate(resolve));
        log.push(`stop ${name}`);
      },
    });
    const work = new BackgroundWork([worker('relay'), worker('poller')]);
    work.onApplicationBootstrap();
    await work.beforeApplicationShutdown();
    expect(log).toEqual(['start relay', 'start poller', 'stop poller', 'stop relay']);
  });
});
