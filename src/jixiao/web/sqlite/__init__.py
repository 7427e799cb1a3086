"""SQLite, with writers queued fairly (the embedded default's database engine)."""
