// payments-api (TypeScript flavour): the service examples/k8s/api-deployment.yaml deploys.
// Reads its secrets from the environment and logs more than it should — open it in VS Code with the
// extension, or run `npm run scan:examples`, to see secret-env-read, secret-logged and env-dumped.
import express from 'express';
import pino from 'pino';

const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const app = express();

const { DB_PASSWORD, FEATURE_FLAGS = '' } = process.env;
const stripeApiKey = process.env.STRIPE_API_KEY;

const databaseUrl = `postgres://payments:${DB_PASSWORD}@db:5432/payments`;

app.get('/health', (req, res) => {
  req.log.info({ flags: FEATURE_FLAGS });
  res.json({ status: 'ok' });
});

app.post('/charge', (req, res) => {
  log.debug({ stripeApiKey }, 'charging');
  res.json({ status: 'queued' });
});

app.listen(8080, () => {
  log.info(`connected to ${databaseUrl}`);
  console.log('environment', JSON.stringify(process.env));
});
