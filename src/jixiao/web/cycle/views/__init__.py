"""Pages of the year's work: results grid, workflow, audit log, tree editing."""
