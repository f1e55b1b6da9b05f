"""Payments service: reads its database password from the environment."""
import os

DB_HOST = os.environ.get("DB_HOST", "localhost")
DB_PASSWORD = os.environ["DB_PASSWORD"]


def dsn() -> str:
    return f"postgresql://app:{DB_PASSWORD}@{DB_HOST}/payments"
