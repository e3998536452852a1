"""The vocabulary both pipelines read: the kinds of report (kinds.py) and the topic taxonomy (topics.py)."""
