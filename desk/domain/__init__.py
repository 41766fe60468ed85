"""The domain of the desk: plain Python, no Qt, no database."""
