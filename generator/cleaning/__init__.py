"""The cleaner's steps, one role a module; generator.clean runs them in order (OpenCC is imported on first use)."""
