"""Readers: one function per file format, each returning :class:`~jixiao.ingest.lines.Lines`."""

# The most grid cells (rows × columns, merged cells counted in every position) one file's
# tables may hold; a sheet or page beyond it is refused instead of filling memory.
MAX_CELLS = 1_000_000
