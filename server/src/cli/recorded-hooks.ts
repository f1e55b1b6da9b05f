// Workspace hooks that remember what they were asked and answered. The CLI analyses each manifest while
// the index is still being built (so the file is parsed once, for both); the analysis holds when asking
// the finished index the same questions gets the same answers, since analysis depends on nothing else.
import type { WorkspaceHooks } from '../engine/cross-file-index';

export interface RecordedHooks {
  hooks: Required<WorkspaceHooks>;
  /** True when every recorded question still gets the answer it got (asked again of the hooks now). */
  answersStillHold: () => boolean;
}

export function recordHooks(live: Required<WorkspaceHooks>): RecordedHooks {
  // One entry per distinct question: a rule asking the same thing per finding records it once.
  const asked = new Map<string, { again: () => string | undefined; answer: string | undefined }>();
  const recorded =
    <A extends unknown[], R>(hook: string, ask: (...args: A) => R) =>
    (...args: A): R => {
      const answer = ask(...args);
      const question = `${hook}\u0000${JSON.stringify(args)}`;
      if (!asked.has(question)) asked.set(question, { again: () => JSON.stringify(ask(...args)), answer: JSON.stringify(answer) });
      return answer;
    };
  return {
    // Required<>: a hook added to WorkspaceHooks fails to compile here until it is recorded too.
    hooks: {
      envSource: recorded('envSource', live.envSource),
      secretKeys: recorded('secretKeys', live.secretKeys),
      codeReads: recorded('codeReads', live.codeReads),
      chartImage: recorded('chartImage', live.chartImage),
    },
    answersStillHold: () => [...asked.values()].every((q) => q.again() === q.answer),
  };
}
