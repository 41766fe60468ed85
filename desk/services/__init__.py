"""Use cases shared by the desk window and the command line."""
