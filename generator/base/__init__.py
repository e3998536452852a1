"""Plumbing any stage may use (bounded reads, atomic writes, the checked YAML reader, shipped tables, markers, typography, where templates/ is); imports nothing above it."""
