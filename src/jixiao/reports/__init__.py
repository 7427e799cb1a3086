"""Core documents → the bureaus' own tables and reports (.xlsx, .docx, .pdf)."""
