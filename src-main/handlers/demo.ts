// The API's handlers for the demo phone (training, and recorded phones replayed).
import path from 'node:path';
import type { AppContext, HandlersFor } from './app-context.js';

export function demoHandlers(ctx: AppContext): HandlersFor<'demo.'> {
  return {
    'demo.profiles': async () => (await ctx.demo()).profiles(),
    'demo.start': async ({ profile, profileFile, replay, latencyMs, alongside }) => {
      const demo = await ctx.demo();
      const options = { ...(latencyMs === undefined ? {} : { latencyMs }), alongside };
      if (replay !== undefined) return demo.replay(path.resolve(replay), options);
      if (profileFile !== undefined) return demo.startProfileFile(path.resolve(profileFile), options);
      return demo.start(profile!, options);
    },
    'demo.stop': async () => {
      await (await ctx.demo()).stop();
      return { done: true as const };
    },
  };
}
