"""Training of the verdict model (data mix, loop with resume, export, validation); run `python -m factcheck.train`."""
