"""Pages of the results app: thin views that fetch, check permission, call core, render."""
