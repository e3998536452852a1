"""Plumbing any stage may use; imports nothing above it. Entry: none of its own: files.read_bounded /
files.write_atomic (files in and out), yamlio.load_user_yaml (every user YAML), tables.load_table (shipped rule
tables), markers (一、(一)1.(1), numerals, sentence ends), typography, resources.template_path.
"""
