"""What a BI tool does: open the published DuckDB file read-only through SQLAlchemy and read every table.

Run as a separate process (`python sqlalchemy_reader.py DATABASE OUT_DIR`): it writes each table it read to
`OUT_DIR/<table>.parquet`, so the test compares them with what the dashboard reads.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import sqlalchemy


def read_every_table(database: Path, out_dir: Path) -> list[str]:
    engine = sqlalchemy.create_engine(f"duckdb:///{database}?access_mode=read_only")
    with engine.connect() as connection:
        names = sorted(sqlalchemy.inspect(connection).get_table_names())
        for name in names:
            frame = pd.read_sql(sqlalchemy.text(f'select * from "{name}"'), connection)
            frame.to_parquet(out_dir / f"{name}.parquet")
    return names


if __name__ == "__main__":
    print("\n".join(read_every_table(Path(sys.argv[1]), Path(sys.argv[2]))))
