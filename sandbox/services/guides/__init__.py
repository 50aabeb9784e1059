"""Reading the shipped guides: loaded once per process, looked up and searched by language."""
