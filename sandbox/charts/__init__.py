"""Charts drawn as SVG text on the server (pure: no Flask, no database, no JavaScript)."""
