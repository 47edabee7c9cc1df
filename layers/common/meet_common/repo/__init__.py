"""SQL, one module per aggregate. Nothing outside this package writes SQL for these tables."""
