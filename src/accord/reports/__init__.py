"""Reports: console tables, plots and the self-contained HTML report."""
