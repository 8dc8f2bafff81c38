"""Evaluation harness: labelled claims and a corpus in, predictions, metrics and a report out."""
