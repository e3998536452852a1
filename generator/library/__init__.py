"""The artefact between the pipelines: phrase patterns and outline skeletons, loaded in layers. Entry: core.load_library."""
