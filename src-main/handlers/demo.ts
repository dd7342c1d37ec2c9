// The API's handlers for the demo phone (training, and recorded phones replayed).
import path from 'node:path';
import type { AppContext, HandlersFor } from './app-context.js';

export function demoHandlers(ctx: AppContext): HandlersFor<'demo.'> {
  return {
    'demo.profiles': () => ctx.demo.profiles(),
    'demo.start': ({ profile, profileFile, replay, latencyMs }) => {
      const options = latencyMs === undefined ? {} : { latencyMs };
      if (replay !== undefined) return ctx.demo.replay(path.resolve(replay), options);
      if (profileFile !== undefined) return ctx.demo.startProfileFile(path.resolve(profileFile), options);
      return ctx.demo.start(profile!, options);
    },
    'demo.stop': async () => {
      await ctx.demo.stop();
      return { done: true as const };
    },
  };
}
