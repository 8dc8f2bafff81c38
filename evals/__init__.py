"""Evaluation sets for factcheck: dataset adapters and the hand-written seed dev set."""
