"""What a BI tool does: open the published DuckDB file through SQLAlchemy with the README's connection string
(read-only, external access off) and read every table and its descriptions.

Run as a separate process (`python sqlalchemy_reader.py DATABASE OUT_DIR OUTSIDE_FILE`): it writes each table
it read to `OUT_DIR/<table>.parquet`, the table and column comments to `OUT_DIR/comments.json`, and what
happened when it tried to read OUTSIDE_FILE, a file on the server, to `OUT_DIR/outside_file.txt`, so the
test compares them with what the dashboard reads and the dbt descriptions.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import sqlalchemy

CONNECTION_OPTIONS = "access_mode=read_only&enable_external_access=false"  # the README's


def read_every_table(database: Path, out_dir: Path, outside_file: Path) -> list[str]:
    engine = sqlalchemy.create_engine(f"duckdb:///{database}?{CONNECTION_OPTIONS}")
    with engine.connect() as connection:
        inspector = sqlalchemy.inspect(connection)
        names = sorted(inspector.get_table_names())
        for name in names:
            frame = pd.read_sql(sqlalchemy.text(f'select * from "{name}"'), connection)
            frame.to_parquet(out_dir / f"{name}.parquet")
        # duckdb-engine 0.17 reflects table comments; its column reflection fails under SQLAlchemy 2.1
        # (it asks for pg_collation), so column comments are read from DuckDB's catalog.
        columns = connection.execute(
            sqlalchemy.text(
                "select table_name, column_name, comment from duckdb_columns() where not internal"
            )
        ).fetchall()  # before the next query: duckdb-engine's connection has one cursor
        comments = {
            "tables": {name: inspector.get_table_comment(name)["text"] for name in names},
            "columns": [list(row) for row in columns],
        }
        (out_dir / "comments.json").write_text(json.dumps(comments, ensure_ascii=False), encoding="utf-8")
        try:
            content = connection.execute(
                sqlalchemy.text("select content from read_text(:path)"), {"path": str(outside_file)}
            ).scalar()
            outcome = f"read: {content}"
        except sqlalchemy.exc.DBAPIError as error:
            outcome = f"refused: {error.orig}"
        (out_dir / "outside_file.txt").write_text(outcome, encoding="utf-8")
    return names


if __name__ == "__main__":
    print("\n".join(read_every_table(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))))
