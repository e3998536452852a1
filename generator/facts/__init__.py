"""Stage: the writer's YAML becomes typed Facts. Entry: load.load_facts."""
