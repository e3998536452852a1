"""The vocabulary both pipelines read: the kinds of report (kinds.py) and the topic taxonomy (topics.py), each loaded
once on first use (no YAML read at import time). Entry: kinds.find_kind, topics.topic_names.
"""
