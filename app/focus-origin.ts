// Whether the focused control got focus from a pointer (a click) rather than the keyboard. A button or tab
// clicked with the mouse keeps focus, but the user is not "in" it: Space should play and the arrows should
// step, as everywhere else on the page. Focus reached with Tab keeps the controls' own keys (WAI-ARIA).
let fromPointer = false;
let installed = false;

export function trackFocusOrigin(target: Window = window): void {
  if (installed) return;
  installed = true;
  target.addEventListener('pointerdown', () => (fromPointer = true), true);
  target.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Tab') fromPointer = false;
    },
    true,
  );
}

export function focusCameFromPointer(): boolean {
  return fromPointer;
}
