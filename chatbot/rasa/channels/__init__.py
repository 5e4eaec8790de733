"""Input channels the Rasa server exposes (see credentials.yml)."""
