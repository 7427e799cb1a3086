"""Readers: one function per file format, each returning :class:`~jixiao.ingest.lines.Lines`."""
