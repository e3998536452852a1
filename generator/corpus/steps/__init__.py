"""The cleaner's steps, one role a module; generator.corpus.clean runs them in order (OpenCC is imported on first use)."""
