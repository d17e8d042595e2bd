"""Reading the lending book from the database the application runs on.

SQLite through the standard library; PostgreSQL through the `psql` client (no driver to
install), asked for CSV. The database is named as seedbed names a target: `sqlite:PATH`, a path
ending in .db/.sqlite/.sqlite3, or a PostgreSQL URI / `host=... dbname=...` string.
"""

import csv
import io
import sqlite3
import subprocess
from datetime import date
from decimal import Decimal

from .decisions import Customer, Loan


def _is_sqlite(target: str) -> bool:
    return target.startswith("sqlite:") or target.endswith((".db", ".sqlite", ".sqlite3"))


def _sqlite_path(target: str) -> str:
    if target.startswith("sqlite://"):
        return target[len("sqlite://"):]
    if target.startswith("sqlite:"):
        return target[len("sqlite:"):]
    return target


def query(target: str, sql: str) -> list[dict[str, str | None]]:
    """The rows of `sql` as dictionaries of text (None for NULL), whatever the database."""
    if _is_sqlite(target):
        with sqlite3.connect(f"file:{_sqlite_path(target)}?mode=ro", uri=True) as db:
            cursor = db.execute(sql)
            names = [column[0] for column in cursor.description]
            return [
                {name: (None if value is None else _text(value)) for name, value in zip(names, row)}
                for row in cursor
            ]
    # psql's CSV writes NULL as an empty unquoted field and '' as "": tell them apart with a
    # marker no value of this book contains.
    out = subprocess.run(
        ["psql", target, "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-q", "-c",
         f"\\copy ({sql}) TO STDOUT WITH (FORMAT csv, HEADER, NULL '\\N')"],
        check=True, capture_output=True, text=True,
    ).stdout
    return [
        {name: (None if value == "\\N" else value) for name, value in row.items()}
        for row in csv.DictReader(io.StringIO(out))
    ]


def _text(value: object) -> str:
    # SQLite keeps seedbed's decimals as REAL; repr gives the shortest text that reads back
    # as the same double (0.95, not 0.9499999999999999556).
    return repr(value) if isinstance(value, float) else str(value)


def customers(target: str) -> dict[int, Customer]:
    rows = query(target, "SELECT id, birth_date, income, segment FROM customer ORDER BY id")
    return {int(row["id"]): customer_from_row(row) for row in rows}


def loans(target: str) -> list[Loan]:
    rows = query(
        target,
        "SELECT id, customer_id, product, amount, ltv, status, disbursed FROM loan ORDER BY id",
    )
    return [loan_from_row(row) for row in rows]


def loan_from_row(row: dict[str, str | None]) -> Loan:
    return Loan(
        id=int(row["id"]),
        customer_id=int(row["customer_id"]),
        product=row["product"],
        amount=Decimal(row["amount"]),
        ltv=Decimal(row["ltv"]),
        status=row["status"],
        disbursed=date.fromisoformat(row["disbursed"]) if row["disbursed"] else None,
    )


def customer_from_row(row: dict[str, str | None]) -> Customer:
    return Customer(
        id=int(row["id"]),
        birth_date=date.fromisoformat(row["birth_date"]),
        income=Decimal(row["income"]),
        segment=row["segment"],
    )


def lineage(target: str) -> dict[tuple[str, str], str]:
    """Which rows seedbed made for a scenario: (table, key) -> scenario ID. Empty without one."""
    try:
        rows = query(target, 'SELECT "table", "key", kind, id FROM _seedbed_lineage')
    except (sqlite3.Error, subprocess.CalledProcessError):
        return {}
    return {(row["table"], row["key"]): row["id"] for row in rows if row["kind"] == "scenario"}
