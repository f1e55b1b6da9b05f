"""payments-api (Python flavour): the service examples/k8s/api-deployment.yaml deploys.

Reads its secrets from the environment and logs more than it should — open it in VS Code with the
extension, or run `npm run scan:examples`, to see secret-env-read, secret-logged and env-dumped.
"""
import logging
import os

from flask import Flask, jsonify

app = Flask(__name__)
log = logging.getLogger("payments")

DB_PASSWORD = os.environ["DB_PASSWORD"]
STRIPE_API_KEY = os.getenv("STRIPE_API_KEY", "")
LOG_LEVEL = os.getenv("LOG_LEVEL", "info")
FEATURE_FLAGS = os.getenv("FEATURE_FLAGS", "")


DATABASE_URL = f"postgresql://payments:{DB_PASSWORD}@db:5432/payments"


@app.get("/health")
def health():
    log.info("health check, flags=%s", FEATURE_FLAGS)
    return jsonify(status="ok")


@app.post("/charge")
def charge():
    log.debug("charging with key %s", STRIPE_API_KEY)
    return jsonify(status="queued")


if __name__ == "__main__":
    logging.basicConfig(level=LOG_LEVEL.upper())
    log.info("connecting to %s", DATABASE_URL)
    print("environment:", dict(os.environ))
    app.run(port=8080)
