// Property tests replay one fixed seed under `npm test`, so CI is deterministic (a flaky test is a
// failing test); PROPERTY_SEED=n replays a reported failure, PROPERTY_SEED=random explores new cases.
const given = process.env.PROPERTY_SEED;

export const PROPERTY_SEED: number | undefined = given === 'random' ? undefined : given !== undefined ? Number(given) : 20261206;
