// Tests that need the Python loader fix, which is not merged yet: skipped (reported as pending)
// unless SECRET_HINTS_RUN_PENDING=1. Flip to `false` (or delete) when the code rules land.
export const MANIFEST_FIXES_PENDING = false;
export const PYTHON_FIXES_PENDING = process.env.SECRET_HINTS_RUN_PENDING !== '1';
