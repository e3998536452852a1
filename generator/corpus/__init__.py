"""Stage: a report file becomes cleaned text and a document tree. Entry: structure.structure_file (read.read_document, clean.clean_text on the way)."""
