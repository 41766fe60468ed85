"""The Qt layer: windows, views, models and workers. Thin: the work is in desk.services."""
