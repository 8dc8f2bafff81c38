"""The Streamlit web UI: a thin layer over the factcheck library (run it with `factcheck ui`)."""
