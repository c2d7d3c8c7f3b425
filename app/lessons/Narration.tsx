// A step's narration: plain text with its **bold** kernel terms, each with the glossary's tooltip.
import { Term } from '../glossary/Term';
import { segments } from './narration';

export function Narration({ text }: { text: string }) {
  return (
    <p className="narration">
      {segments(text).map((s, i) =>
        s.bold ? (
          <strong key={i}>
            <Term>{s.text}</Term>
          </strong>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </p>
  );
}
