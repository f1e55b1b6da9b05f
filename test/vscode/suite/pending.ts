// Every fix the editor tests exercise has landed; kept as named switches so a future pending test
// has one place to declare itself.
export const MANIFEST_FIXES_PENDING = false;
export const PYTHON_FIXES_PENDING = false;
