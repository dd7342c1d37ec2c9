// A guidance text (what to do with a phone, src-main/acquisition/android/adb/guidance.ts): its short
// sentence, then its steps as a numbered list — one thing to do at a time, in the phone's own words.
import { guidanceParts } from '../../src-shared/acquisition.js';

export function GuidanceText({ text, className }: { text: string; className?: string }) {
  const { sentence, steps } = guidanceParts(text);
  return (
    <div className={className}>
      <p>{sentence}</p>
      {steps.length > 0 ? (
        <ol className="guidance-steps">
          {steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
